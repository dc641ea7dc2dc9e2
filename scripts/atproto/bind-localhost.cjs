// Preloaded with `node --require`: the atproto servers call listen(port) without a host, which would bind every
// interface. Tests must only ever be reachable from this machine, so a listen call that names no host gets 127.0.0.1.
'use strict'
const net = require('node:net')
const LOOPBACK = '127.0.0.1'
const listen = net.Server.prototype.listen

function withLoopback(args) {
  const [first, second] = args
  if (first === undefined || typeof first === 'function') {
    return [{ port: 0, host: LOOPBACK }, ...args]
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof second === 'string' ? args : [first, LOOPBACK, ...args.slice(1)]
  }
  if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    return [{ ...first, host: LOOPBACK }, ...args.slice(1)]
  }
  return args
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  return listen.apply(this, withLoopback(args))
}
