import { Module } from '@nestjs/common';
import { AgreementController } from './agreement.controller';
import { AgreementFoldService } from './agreement-fold.service';
import { AgreementRepository } from './agreement.repository';
import { AgreementService } from './agreement.service';

@Module({ controllers: [AgreementController], providers: [AgreementService, AgreementRepository, AgreementFoldService], exports: [AgreementService] })
export class AgreementModule {}
