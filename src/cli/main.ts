import { Command, Option } from 'commander';
import { VERSION } from '../core/version.js';
import { startCommand } from './start.js';
import { migrateCommand, simulateCommand } from './commands.js';
import { importCommand } from './import.js';
import { reportCommand } from './report.js';
import { IMPORT_FORMATS } from '../modules/importers/types.js';

const program = new Command();
program.name('shequn').description('Shequn (社群): run customer communities — API, worker, console').version(VERSION);

program.command('start')
  .description('Run the API, the worker and the scheduler (or one role) with the console')
  .option('--port <port>', 'HTTP port', (v) => parsePort(v), 3000)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--data-dir <dir>', 'where PGlite keeps its data (ignored with DATABASE_URL)', './.shequn')
  .addOption(new Option('--role <role>', 'run one part only, for several processes sharing one PostgreSQL').choices(['all', 'api', 'worker']).default('all'))
  .option('--no-demo', 'on an empty database, do not seed the demo workspace')
  .action(startCommand);

program.command('migrate')
  .description('Apply pending database migrations and exit')
  .option('--data-dir <dir>', 'PGlite data folder (ignored with DATABASE_URL)', './.shequn')
  .action(migrateCommand);

program.command('simulate')
  .description('Stream seeded synthetic community activity through the event intake')
  .option('--workspace <slug>', 'workspace to fill (created if missing)', 'demo')
  .option('--communities <n>', 'number of communities', (v) => positiveInt(v, 'communities'), 20)
  .option('--members <n>', 'number of members', (v) => positiveInt(v, 'members'), 3000)
  .option('--days <n>', 'days of history, ending now', (v) => positiveInt(v, 'days'), 60)
  .option('--seed <n>', 'random seed; the same seed gives the same events', (v) => positiveInt(v, 'seed'), 1)
  .option('--data-dir <dir>', 'PGlite data folder (ignored with DATABASE_URL)', './.shequn')
  .action(simulateCommand);

program.command('import')
  .description('Import a chat export (a file, a folder or a zip) into a workspace through the event intake')
  .argument('<path>', 'the export: WhatsApp .txt, Telegram result.json or HTML folder, Slack folder or zip, DiscordChatExporter JSON/CSV, WeChat CSV, QQ .txt')
  .addOption(new Option('--format <format>', 'the export format; auto reads the start of the file and says what it chose').choices(['auto', ...IMPORT_FORMATS]).default('auto'))
  .option('--workspace <slug>', 'workspace to import into (created if missing)', 'demo')
  .option('--community <name>', 'put everything into one community of this name instead of the chats the export names')
  .option('--timezone <zone>', 'IANA zone of exports that write local times without an offset (default: the workspace\'s)')
  .option('--json', 'print the summary as JSON')
  .option('--data-dir <dir>', 'PGlite data folder (ignored with DATABASE_URL)', './.shequn')
  .action(importCommand);

program.command('report')
  .description('Check a group from its chat export: import into a throwaway in-memory database and print the health metrics')
  .argument('<path>', 'the export (any format `shequn import` reads)')
  .addOption(new Option('--format <format>', 'the export format; auto detects it').choices(['auto', ...IMPORT_FORMATS]).default('auto'))
  .option('--timezone <zone>', 'IANA zone of exports that write local times without an offset (default: this machine\'s)')
  .option('--json', 'print the report as JSON (keys as in docs/metrics.md)')
  .option('--html <file>', 'also write the report as a self-contained HTML page')
  .action(reportCommand);

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port: ${v} is not a port number`);
  return n;
}
function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: ${v} is not a positive whole number`);
  return n;
}

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(`shequn: ${err.message}`);
  process.exit(1);
});
