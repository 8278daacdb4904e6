import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthSessionsRepository, type RevokedReason } from '../sessions/auth-sessions.repository';
import type { AuthUser } from '../common/current-user.decorator';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { AccessChanges } from './access-changes';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { User } from './user.entity';

export const USER_SORTABLE = ['email', 'name', 'role', 'createdAt', 'active'] as const;
export const USER_FILTERS: FilterSchema = { role: 'text', q: 'text' };

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly repo: Repository<User>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: AuthSessionsRepository,
    @Optional() private readonly accessChanges?: AccessChanges,
  ) {
    this.repo = db.getRepository(User);
  }

  async list(q: ListQuery): Promise<[User[], number]> {
    const qb = this.repo.createQueryBuilder('u');
    if (typeof q.filter.role === 'string') qb.andWhere('u.role = :role', { role: q.filter.role });
    if (typeof q.filter.q === 'string') {
      qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${q.filter.q}%` });
    }
    return qb.orderBy(`u.${q.sort.field}`, q.sort.order).skip(q.offset).take(q.limit).getManyAndCount();
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.findOneBy({ id });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  async create(dto: CreateUserDto, actorId: string | null): Promise<User> {
    const email = dto.email.toLowerCase();
    if (await this.repo.existsBy({ email })) throw new ConflictException(`email: ${email} is already registered`);
    const user = await this.repo.save(
      this.repo.create({ email, name: dto.name, role: dto.role, passwordHash: await this.newPasswordHash(dto.password, email, 'password') }),
    );
    await this.audit.append({ actorId, entity: 'user', entityId: user.id, action: 'create', after: publicView(user) });
    return this.get(user.id);
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<User> {
    const [before, after] = await this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundException(`User ${id} not found`);
      const patch: Partial<User> = {};
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.role !== undefined) patch.role = dto.role;
      if (dto.active !== undefined) patch.active = dto.active;
      if (dto.password !== undefined) patch.passwordHash = await this.newPasswordHash(dto.password, before.email, 'password');
      await repo.update(id, patch);
      const after = await repo.findOneByOrFail({ id });
      await this.audit.append(
        { actorId, entity: 'user', entityId: id, action: 'update', before: publicView(before), after: publicView(after) },
        m,
      );
      // issue 14 item 1: the user's sessions end with the change, in its transaction
      const reason = sessionsEndedBy(before, after, dto.password !== undefined);
      if (reason) await this.sessions.revokeAllOf(id, reason, { m });
      return [before, after] as const;
    });
    if (before.active && !after.active) await this.accessChanges?.revoked(id, 'deactivated');
    else if (before.role !== after.role) await this.accessChanges?.revoked(id, 'role-changed');
    else if (dto.password !== undefined) await this.accessChanges?.revoked(id, 'signed-out');
    return after;
  }

  /**
   * Sets a password (`field` names the request field it came in, for the policy's 400). Every other session of the
   * user ends; `keepSession` (the caller's own, on a password change) stays.
   */
  async setPassword(id: string, password: string, actorId: string, opts: { keepSession?: string; field?: string } = {}): Promise<void> {
    const { email } = await this.get(id);
    const passwordHash = await this.newPasswordHash(password, email, opts.field ?? 'password');
    await this.db.transaction(async (m) => {
      await m.getRepository(User).update(id, { passwordHash });
      await this.sessions.revokeAllOf(id, 'password-changed', { keep: opts.keepSession, m });
      await this.audit.append({ actorId, entity: 'user', entityId: id, action: 'password' }, m);
    });
  }

  /** The password policy's 400 naming the field, or the hash to store. */
  private async newPasswordHash(password: string, email: string, field: string): Promise<string> {
    const problem = passwordProblem(password, email);
    if (problem) throw new BadRequestException({ message: `${field}: ${problem}`, errors: [{ field, message: problem }] });
    return this.hasher.hash(password);
  }

  /**
   * The user for these credentials, or null; inactive accounts cannot sign in. Every call verifies one hash, the
   * account's or, for an unknown or inactive email, a dummy one: the time taken does not tell which accounts exist.
   */
  async verifyPassword(email: string, password: string): Promise<AuthUser | null> {
    const user = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
    if (!user || !user.active) {
      await this.hasher.verifyForNobody(password);
      return null;
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) return null;
    return { id: user.id, email: user.email, role: user.role };
  }

  /** Creates the first admin when there is none; returns its one-time password so start-up can print it. */
  async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
    if (await this.repo.existsBy({ role: 'admin' })) return null;
    const password = randomBytes(12).toString('base64url');
    await this.create({ email, name: 'Administrator', role: 'admin', password }, null);
    this.logger.log(`Created first admin ${email}`);
    return { email, password };
  }
}

/** Why an admin's update ends every session of the user, if it does. */
function sessionsEndedBy(before: User, after: User, passwordReset: boolean): RevokedReason | null {
  if (before.active && !after.active) return 'deactivated';
  if (before.role !== after.role) return 'role-changed';
  return passwordReset ? 'password-reset' : null;
}

function publicView(u: User) {
  return { email: u.email, name: u.name, role: u.role, active: u.active };
}
