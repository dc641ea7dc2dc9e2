// Herald's test PDS: an in-memory PLC directory and a Bluesky PDS in one process, configured only by environment.
//   HERALD_ATPROTO_DIR  folder whose node_modules hold @atproto/pds and @did-plc/server (installed by install-test-deps.sh)
//   PLC_PORT            port of the in-memory PLC directory
//   PDS_*               read by @atproto/pds itself (PDS_PORT, PDS_DATA_DIRECTORY, PDS_JWT_SECRET, ...)
// Run with: node --require bind-localhost.cjs pds.mjs. Prints one line "ready" when both servers listen.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const atprotoDir = process.env.HERALD_ATPROTO_DIR
if (!atprotoDir) {
  console.error('HERALD_ATPROTO_DIR is not set')
  process.exit(2)
}
const requireFromCache = createRequire(path.join(atprotoDir, 'node_modules', 'noop.js'))
const load = async (name) => import(pathToFileURL(requireFromCache.resolve(name)).href)

const plcModule = await load('@did-plc/server')
const plcPkg = plcModule.default ?? plcModule
const { PDS, envToCfg, envToSecrets, readEnv } = await load('@atproto/pds')

const plcPort = Number(process.env.PLC_PORT ?? '2582')
const plc = plcPkg.PlcServer.create({ db: plcPkg.Database.mock(), port: plcPort })
await plc.start()
process.env.PDS_DID_PLC_URL = `http://127.0.0.1:${plcPort}`

const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()
console.log(`ready plc=${plcPort} pds=${env.port}`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  try {
    await pds.destroy()
    await plc.destroy()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The test process that started us may die without signalling: stdin closing is our cue to go too.
process.stdin.on('end', stop)
process.stdin.resume()
