import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class PauseReviewerDto {
  @ApiProperty({ description: 'true pauses (and returns their leases to the pool), false resumes' })
  @IsBoolean()
  paused: boolean;
}
