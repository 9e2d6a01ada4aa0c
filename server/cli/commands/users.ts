import type { Command } from '../context';
import { UsageError, InputError, flagString } from '../args';
import { addUser, getUser, listUsers, loginLocked, unlockLogin } from '../../auth/users';
import { ROLES, type Role } from '../../auth/viewer';
import { loadReferenceData } from '../../reference/load';
import { audit } from '../../auth/audit';

export const usersCommand: Command = {
  summary: '用户管理：创建用户（密码从标准输入读取）、列出用户（含登录锁定）、解除登录锁定',
  usage: 'users add NAME --role analyst|leader|partner|admin [--region CODE] [--force]  |  users list [--json]  |  users unlock NAME',
  async run(ctx) {
    const [sub, name] = ctx.args.positionals;
    const db = await ctx.db();
    if (sub === 'list') {
      // With each account's sign-in lock (5 failures in 15 minutes: locked 15 minutes), the minutes it has left.
      const users = await Promise.all((await listUsers(db)).map(async (u) => ({ ...u, locked_minutes: await loginLocked(db, u.name) })));
      ctx.out(ctx.args.flags.json ? JSON.stringify({ users }) : users.map((u) => `${u.name}\t${u.role}\t${u.region_code || '全部'}${u.disabled ? '\t已停用' : ''}${u.locked_minutes ? `\t登录已锁定（剩余 ${u.locked_minutes} 分钟）` : ''}`).join('\n'));
      return 0;
    }
    if (sub === 'unlock') {
      if (!name) throw new UsageError('需要用户名：users unlock NAME');
      if (!await getUser(db, name)) throw new InputError(`用户 ${name} 不存在`);
      const left = await unlockLogin(db, name);
      // Lifting a lock is logged like the other account changes (by the CLI: no signed-in user).
      audit(db, { name: ctx.actor, role: '' }, 'change', 'cli users.unlock', { user: name, locked_minutes: left }, '');
      ctx.out(ctx.args.flags.json ? JSON.stringify({ user: name, was_locked: left > 0, locked_minutes: left })
        : left ? `已解除用户 ${name} 的登录锁定（原剩余 ${left} 分钟），登录失败次数已清零` : `用户 ${name} 未被锁定；登录失败次数已清零`);
      return 0;
    }
    if (sub !== 'add' || !name) throw new UsageError('需要子命令 add NAME、list 或 unlock NAME');
    const role = flagString(ctx.args, 'role');
    if (!role || !ROLES.includes(role as Role)) throw new UsageError(`--role 应为 ${ROLES.join('|')}`);
    const region = flagString(ctx.args, 'region') ?? '';
    const password = ctx.stdin.replace(/\r?\n$/, '');
    if (!password) throw new InputError('请从标准输入提供密码，例如: echo "密码" | npm run cli -- users add NAME --role analyst');
    // `add` of an existing name replaced the account (role, region, password) and said it was created.
    const existing = await getUser(db, name);
    const replace = ctx.args.flags.force === true;
    if (existing && !replace) {
      throw new InputError(`用户 ${name} 已存在（${existing.role}，范围 ${existing.region_code || '全部'}${existing.disabled ? '，已停用' : ''}）；要替换其角色、范围和密码，请加 --force`);
    }
    await loadReferenceData(db);
    try {
      await addUser(db, { name, role: role as Role, regionCode: region, password });
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    // Creating or replacing an account is logged like the workbench's changes (by the CLI: no signed-in user).
    audit(db, { name: ctx.actor, role: '' }, 'change', existing ? 'cli users.replace' : 'cli users.add',
      { user: name, role, region, ...(existing ? { was: { role: existing.role, region: existing.region_code } } : {}) }, '');
    ctx.out(ctx.args.flags.json ? JSON.stringify({ user: name, role, region, replaced: Boolean(existing) })
      : `已${existing ? '替换' : '创建'}用户 ${name}（${role}${region ? `，范围 ${region}` : ''}）`);
    return 0;
  },
};
