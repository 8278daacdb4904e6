import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AbilityView } from './ability-views';

@Entity('abilities')
export class Ability implements AbilityView {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stable identifier used in records (`type`), exports and recipes; never changes once created. */
  @Column({ type: 'text', unique: true })
  key: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
