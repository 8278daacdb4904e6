import { ConflictException, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/current-user.decorator';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { AccessChanges } from './access-changes';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
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
      this.repo.create({ email, name: dto.name, role: dto.role, passwordHash: await argon2.hash(dto.password) }),
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
      if (dto.password !== undefined) patch.passwordHash = await argon2.hash(dto.password);
      await repo.update(id, patch);
      const after = await repo.findOneByOrFail({ id });
      await this.audit.append(
        { actorId, entity: 'user', entityId: id, action: 'update', before: publicView(before), after: publicView(after) },
        m,
      );
      return [before, after] as const;
    });
    if (before.active && !after.active) await this.accessChanges?.revoked(id, 'deactivated');
    else if (before.role !== after.role) await this.accessChanges?.revoked(id, 'role-changed');
    return after;
  }

  async setPassword(id: string, password: string, actorId: string): Promise<void> {
    await this.repo.update(id, { passwordHash: await argon2.hash(password) });
    await this.audit.append({ actorId, entity: 'user', entityId: id, action: 'password' });
  }

  /** The user for these credentials, or null; inactive accounts cannot sign in. */
  async verifyPassword(email: string, password: string): Promise<AuthUser | null> {
    const user = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
    if (!user || !user.active) return null;
    if (!(await argon2.verify(user.passwordHash, password))) return null;
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

function publicView(u: User) {
  return { email: u.email, name: u.name, role: u.role, active: u.active };
}
