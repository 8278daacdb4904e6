import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@pace.local' })
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  password: string;
}

/** Browsers send nothing here (the refresh token comes in the pace_refresh cookie); scripted clients may send it. */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'For scripted clients: the refresh token, instead of the pace_refresh cookie' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  newPassword: string;
}
