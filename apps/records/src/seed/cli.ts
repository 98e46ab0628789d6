import { loadRecordsConfig } from '../config.ts'
import { openRecordsDatabase } from '../database/open.ts'
import { seedDemoDataIfEmpty } from './demo-data.ts'

const config = loadRecordsConfig(process.env)
if (config.environment === 'production') {
  console.error('Refusing to seed demo data into a production database.')
  process.exit(2)
}
const { database } = await openRecordsDatabase(config)
try {
  await seedDemoDataIfEmpty(database.db, { print: (line) => console.log(line) })
} finally {
  await database.close()
}
