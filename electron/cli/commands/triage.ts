// `releve triage`: team triage (issue 16). With message numbers, sets the state and/or the assignee (stored on
// the server as IMAP keywords, pushed at once; offline, queued for the next sync). Without, shows who this
// install is, the colleagues seen on the server and the count of each view. `--me NAME` sets "who am I".
import { parseTriageInput, parseTriageNamePatch } from '../../../shared/triage-schemas.js';
import { TRIAGE_VIEWS } from '../../../shared/triage.js';
import { flag, parseCommandArgs, str } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';

const COMMAND = 'triage';

export async function triageCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    {
      state: { type: 'string' },
      assignee: { type: 'string' },
      unassign: { type: 'boolean' },
      me: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    ctx.locale,
    COMMAND,
  );
  const ids = p.positionals.map((v) => {
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw new UsageError(ctx.t('badMessageId', { v }), COMMAND);
    return Number(v);
  });
  const me = str(p, 'me');
  const meName = me === undefined ? undefined : parseTriageNamePatch(me, ctx.locale);
  if (ids.length === 0) {
    if (str(p, 'state') !== undefined || str(p, 'assignee') !== undefined || flag(p, 'unassign')) {
      throw new UsageError(ctx.t('triageMissingIds'), COMMAND);
    }
    return withCore(ctx, async (core) => {
      if (meName !== undefined) await core.api.updateSettings({ triage_name: meName });
      const o = await core.api.getTriageOverview();
      if (flag(p, 'json')) {
        ctx.json(o);
        return EXIT_OK;
      }
      ctx.out(ctx.t('triageMe', { name: o.me ?? ctx.t('triageNobody') }));
      ctx.out(ctx.t('triagePeople', { list: o.people.join(', ') || '—' }));
      for (const v of TRIAGE_VIEWS) ctx.out(`  ${v.padEnd(11)} ${o.counts[v]}`);
      for (const m of o.local_only_mailboxes) ctx.err(ctx.t('triageLocalOnly', { name: m.name }));
      return EXIT_OK;
    });
  }
  if (flag(p, 'unassign') && str(p, 'assignee') !== undefined) throw new UsageError(ctx.t('triageUnassignConflict'), COMMAND);
  const raw: Record<string, unknown> = {};
  if (str(p, 'state') !== undefined) raw.state = str(p, 'state');
  if (str(p, 'assignee') !== undefined) raw.assignee = str(p, 'assignee');
  if (flag(p, 'unassign')) raw.assignee = null;
  const input = parseTriageInput(raw, ids, ctx.locale);

  return withCore(ctx, async (core) => {
    if (meName !== undefined) await core.api.updateSettings({ triage_name: meName });
    const mailboxes = new Set<number>();
    for (const id of ids) mailboxes.add((await core.api.getMessage({ id })).mailbox_id);
    const result = await core.api.setTriage(input);
    // A CLI run does not stay for the scheduled push: sync now, which pushes the keywords.
    let pushed = true;
    for (const mailboxId of mailboxes) if ((await core.api.syncMailbox({ id: mailboxId })).status === 'error') pushed = false;
    if (flag(p, 'json')) {
      ctx.json({ ...result, pushed });
    } else {
      ctx.out(ctx.t('actionDone', { action: COMMAND, count: result.updated }));
      if (result.local_only > 0) ctx.err(ctx.t('triageKeptLocal', { count: result.local_only }));
      else if (result.updated > 0) (pushed ? ctx.out : ctx.err)(ctx.t(pushed ? 'actionPushed' : 'actionQueued'));
    }
    return pushed ? EXIT_OK : EXIT_FAILED;
  });
}
