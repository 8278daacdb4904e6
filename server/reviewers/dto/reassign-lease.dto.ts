import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { LEASE_KINDS, type LeaseKind } from '../lease-handover.repository';

export class ReassignLeaseDto {
  @ApiProperty({ enum: LEASE_KINDS, description: 'The `kind` of the lease in GET /reviewers/leases' })
  @IsIn(LEASE_KINDS)
  kind: LeaseKind;

  @ApiProperty({ example: '42', description: 'The `id` of the lease in GET /reviewers/leases' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'leaseId must be a lease id (digits)' })
  leaseId: string;

  @ApiPropertyOptional({ nullable: true, description: 'Who gets the work; absent or null sends it back to the pool' })
  @IsOptional()
  @IsUUID()
  toReviewerId?: string | null;
}
