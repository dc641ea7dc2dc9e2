// Herald's test Bluesky network: PLC + PDS + the Bluesky AppView (+ the bsync and ozone services it needs),
// from @atproto/dev-env's TestNetwork, configured only by environment.
//   HERALD_ATPROTO_DIR  folder whose node_modules hold @atproto/dev-env (installed by install-test-deps.sh)
//   DB_POSTGRES_URL     a PostgreSQL database for the AppView, bsync and ozone (the fixture makes a fresh one)
//   REDIS_HOST          host:port of a Redis the AppView may use (the fixture starts one on 127.0.0.1)
//   PLC_PORT, PDS_PORT, BSKY_PORT, OZONE_PORT   loopback ports
// Run with: node --require bind-localhost.cjs network.mjs. Prints one JSON line {"ready":true,...} when every server
// listens; exits when stdin closes, so a crashed test run leaves nothing behind.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const atprotoDir = process.env.HERALD_ATPROTO_DIR
if (!atprotoDir) {
  console.error('HERALD_ATPROTO_DIR is not set')
  process.exit(2)
}
const requireFromCache = createRequire(path.join(atprotoDir, 'node_modules', 'noop.js'))
const { TestNetwork } = await import(pathToFileURL(requireFromCache.resolve('@atproto/dev-env')).href)

const port = (name) => Number(process.env[name])
const started = Date.now()
const network = await TestNetwork.create({
  dbPostgresUrl: process.env.DB_POSTGRES_URL,
  dbPostgresSchema: 'net',
  plc: { port: port('PLC_PORT') },
  pds: { port: port('PDS_PORT'), hostname: 'localhost', enableDidDocWithSession: true },
  bsky: { port: port('BSKY_PORT'), dbPostgresSchema: 'bsky' },
  ozone: { port: port('OZONE_PORT'), chatUrl: 'http://127.0.0.1:1', chatDid: 'did:example:chat' },
})
console.log(JSON.stringify({ ready: true, ms: Date.now() - started, appviewDid: network.bsky.serverDid }))

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  try { await network.close() } catch { /* already gone */ }
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
