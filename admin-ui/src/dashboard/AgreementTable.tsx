import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { withInterval } from './format';
import type { GroupAgreement } from './types';
import { useAbilityName } from './useAbilityName';

const COLUMNS = ['ability', 'rounds', 'cohen', 'fleiss', 'alpha', 'ac1', 'percent'];

/** Every coefficient per ability with its 95% interval, as numbers. */
export const AgreementTable = ({ groups }: { groups: GroupAgreement[] }) => {
  const translate = useTranslate();
  const abilityName = useAbilityName();
  return (
    <TableContainer>
      <Table size="small" aria-label={translate('pace.dashboard.agreement.title')}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((k) => (
              <TableCell key={k} align={k === 'ability' ? 'left' : 'right'}>
                {translate(`pace.dashboard.agreement.${k}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.key}>
              <TableCell component="th" scope="row">
                {abilityName(g.key, g.label)}
              </TableCell>
              <TableCell align="right">
                {g.rounds}
                {g.singleReviewRounds > 0 && ` (${translate('pace.dashboard.agreement.single_rounds', { n: g.singleReviewRounds })})`}
              </TableCell>
              <TableCell align="right">{withInterval(g.meanCohenKappa)}</TableCell>
              <TableCell align="right">{withInterval(g.fleissKappa)}</TableCell>
              <TableCell align="right">{withInterval(g.krippendorffAlpha)}</TableCell>
              <TableCell align="right">{withInterval(g.gwetAc1)}</TableCell>
              <TableCell align="right">{withInterval(g.percentAgreement)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
