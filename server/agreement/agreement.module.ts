import { Module } from '@nestjs/common';
import { AgreementController } from './agreement.controller';
import { AgreementRepository } from './agreement.repository';
import { AgreementService } from './agreement.service';

@Module({ controllers: [AgreementController], providers: [AgreementService, AgreementRepository], exports: [AgreementService] })
export class AgreementModule {}
