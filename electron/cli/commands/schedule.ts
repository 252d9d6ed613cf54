// `releve schedule install|remove|status [--every 5m] [--dry-run]`: a sync pass run by the OS's scheduler
// (systemd user timer, launchd agent, Task Scheduler task) instead of a cron line copied by hand.
import { fileURLToPath } from 'node:url';
import { flag, noPositionals, parseCommandArgs, str } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { cliDataDir } from '../open-core.js';
import { parseEvery, type SchedulePlan } from '../schedule/schedule-files.js';
import {
  defaultPlace,
  deleteFiles,
  installAction,
  installedFiles,
  removeAction,
  runCommand,
  statusCommands,
  writeFiles,
  type CommandOutcome,
  type Place,
  type Runner,
} from '../schedule/schedule-os.js';

/** The releve entry point this very run came from (bin/releve.mjs), run by this very Node. */
function releveCommand(dataDir: string, env: NodeJS.ProcessEnv): string[] {
  const bin = env.RELEVE_SCHEDULE_BIN ?? fileURLToPath(new URL('../../../bin/releve.mjs', import.meta.url));
  return [process.execPath, bin, '--data-dir', dataDir, 'sync'];
}

export interface ScheduleDeps {
  place: Place;
  run: Runner;
}

export function scheduleCommand(sub: 'install' | 'remove' | 'status', deps?: Partial<ScheduleDeps>) {
  return async (ctx: CliContext, argv: string[]): Promise<number> => {
    const p = parseCommandArgs(
      argv,
      { help: { type: 'boolean', short: 'h' }, every: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      ctx.locale,
      `schedule ${sub}`,
    );
    noPositionals(p, ctx.locale, `schedule ${sub}`);
    const place = deps?.place ?? defaultPlace(ctx.env);
    const run = deps?.run ?? runCommand;
    const dataDir = cliDataDir(ctx);
    const everyText = str(p, 'every') ?? '5m';
    const everyMinutes = parseEvery(everyText);
    if (everyMinutes === null) throw new UsageError(ctx.t('scheduleBadEvery', { v: everyText }), `schedule ${sub}`);
    const plan: SchedulePlan = { platform: place.platform, everyMinutes, dataDir, command: releveCommand(dataDir, ctx.env) };
    const dry = flag(p, 'dry-run');

    if (sub === 'status') return status(ctx, plan, place, run, flag(p, 'json'));
    const action = sub === 'install' ? installAction(plan, place) : removeAction(plan, place);
    if (dry) {
      for (const f of action.files) {
        ctx.out(`# ${sub === 'install' ? ctx.t('scheduleWouldWrite') : ctx.t('scheduleWouldDelete')} ${f.path}`);
        if (sub === 'install') ctx.out(typeof f.content === 'string' ? f.content : f.content.subarray(2).toString('utf16le').replace(/\r\n/g, '\n'));
      }
      for (const c of action.commands) ctx.out(`# ${ctx.t('scheduleWouldRun')} ${[c.cmd, ...c.args].join(' ')}`);
      return EXIT_OK;
    }
    if (sub === 'install') writeFiles(action);
    // Removing: the OS forgets the task first, then the files go.
    const outcomes = action.commands.map(run);
    if (sub === 'remove') deleteFiles(action);
    const failed = outcomes.filter((o) => !o.ok);
    if (sub === 'install') {
      for (const f of action.files) ctx.out(ctx.t('scheduleWrote', { path: f.path }));
      if (failed.length === 0) ctx.out(ctx.t('scheduleInstalled', { count: everyMinutes }));
      if (ctx.env.RELEVE_SECRET_KEY) ctx.err(ctx.t('scheduleSecretKeyEnv'));
    } else if (failed.length === 0) ctx.out(ctx.t('scheduleRemoved'));
    // `remove` of a task that was never installed is not a failure worth an exit code.
    const reported = sub === 'remove' ? [] : failed;
    for (const o of reported) reportFailure(ctx, o);
    return reported.length > 0 ? EXIT_FAILED : EXIT_OK;
  };
}

function reportFailure(ctx: CliContext, o: CommandOutcome): void {
  ctx.err(ctx.t('scheduleCommandFailed', { cmd: [o.cmd, ...o.args].join(' '), output: o.output.split('\n')[0] ?? '' }));
  ctx.err(ctx.t('scheduleFilesKept'));
}

function status(ctx: CliContext, plan: SchedulePlan, place: Place, run: Runner, json: boolean): number {
  const files = installedFiles(plan, place);
  const outcomes = files.length > 0 ? statusCommands(plan.platform).map(run) : [];
  if (json) {
    ctx.json({ installed: files.length > 0, files: files.map((f) => f.path), os: outcomes.map((o) => ({ ok: o.ok, output: o.output })) });
  } else if (files.length === 0) {
    ctx.out(ctx.t('scheduleNone'));
  } else {
    for (const f of files) ctx.out(ctx.t('scheduleWrote', { path: f.path }));
    const every = /OnUnitActiveSec=(\d+)min|<integer>(\d+)<\/integer>/.exec(files.map((f) => f.content).join('\n'));
    if (every) ctx.out(ctx.t('scheduleEvery', { count: Number(every[1] ?? Number(every[2]) / 60) }));
    for (const o of outcomes) ctx.out(o.ok ? o.output : ctx.t('scheduleOsUnknown', { output: o.output.split('\n')[0] ?? '' }));
  }
  return EXIT_OK;
}
