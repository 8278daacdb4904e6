import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ROUND_KINDS, type RoundKind, type StageOrderRequest } from '../review-views';

const EVERY_KIND_ONCE = `stages: expected each of ${ROUND_KINDS.join(', ')} exactly once, first served first`;

export class StageOrderDto implements StageOrderRequest {
  @ApiProperty({ enum: ROUND_KINDS, isArray: true, example: ['validation', 'distractor', 'filter'] })
  @IsArray({ message: EVERY_KIND_ONCE })
  @ArrayMinSize(ROUND_KINDS.length, { message: EVERY_KIND_ONCE })
  @ArrayMaxSize(ROUND_KINDS.length, { message: EVERY_KIND_ONCE })
  @ArrayUnique({ message: EVERY_KIND_ONCE })
  @IsIn(ROUND_KINDS, { each: true, message: EVERY_KIND_ONCE })
  stages: RoundKind[];
}
