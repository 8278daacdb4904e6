import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import EditIcon from '@mui/icons-material/Edit';
import GavelIcon from '@mui/icons-material/Gavel';
import { Alert, Box, Button, Card, CardContent, Chip, Divider, IconButton, LinearProgress, List, ListItem, ListItemText, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { HttpError, Link, Title, useGetList, useLocaleState, useNotify, usePermissions, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { useLiveEvent } from '../realtime/socket';
import { ConfirmDialog, MoveDialog, NameDialog } from './NodeDialogs';
import { CURATOR_ROLES } from './TaxonomyList';
import { type ApplyVotesResult, type TaxonomyDetail, type TaxonomyNode, type TaxonomyRevisionSummary, taxonomiesApi } from './taxonomiesApi';
import { countDescendants, LEVELS } from './treeOps';
import type { AbilityView } from '../../../server/abilities/ability-views';
import { useFormatDate } from '../i18n/dates';

const M = 'pace.taxonomies';
type Dialog =
  | { kind: 'add'; parent: TaxonomyNode | null }
  | { kind: 'rename'; node: TaxonomyNode }
  | { kind: 'move'; node: TaxonomyNode; depth: number }
  | { kind: 'delete'; node: TaxonomyNode }
  | { kind: 'apply' };

/** A taxonomy's tree: fields → sub-fields → disciplines, with edits (curators), keep/remove votes (everyone), history. */
export const TaxonomyShow = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const notify = useNotify();
  const { permissions } = usePermissions();
  const curator = CURATOR_ROLES.includes(permissions);
  const [detail, setDetail] = useState<TaxonomyDetail | null>(null);
  const [history, setHistory] = useState<TaxonomyRevisionSummary[]>([]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [applied, setApplied] = useState<ApplyVotesResult | null>(null);
  const { data: abilities } = useGetList<AbilityView>('abilities', { pagination: { page: 1, perPage: 200 }, sort: { field: 'key', order: 'ASC' } });
  const [locale] = useLocaleState();
  const abilityName = (key: string) => {
    const a = abilities?.find((x) => x.key === key);
    return a ? (locale.startsWith('zh') ? a.nameZh : a.nameEn) : key;
  };

  const load = useCallback(() => {
    taxonomiesApi.get(id).then(setDetail, (e: Error) => notify(e.message, { type: 'error' }));
    taxonomiesApi.revisions(id).then(setHistory, () => undefined);
  }, [id, notify]);
  useEffect(load, [load]);
  useLiveEvent(`taxonomy:${id}`, 'taxonomy.updated', load);

  /** An edit on the revision on screen: a 409 (someone saved meanwhile) reloads and says so. */
  const edit = async (call: (revision: string) => Promise<TaxonomyDetail>) => {
    if (!detail) return;
    try {
      const next = await call(detail.revision);
      setDetail(next);
      setDialog(null);
      taxonomiesApi.revisions(id).then(setHistory, () => undefined);
      notify(translate(`${M}.show.saved`, { revision: next.revision.slice(0, 12) }), { type: 'info' });
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) {
        setDialog(null);
        load();
        notify(`${M}.show.stale`, { type: 'warning' });
      } else notify((e as Error).message, { type: 'error', multiLine: true });
    }
  };

  const vote = async (node: TaxonomyNode, decision: 'keep' | 'remove') => {
    const mine = detail?.votes[node.id]?.mine;
    try {
      const tally = mine === decision ? await taxonomiesApi.withdraw(id, node.id) : await taxonomiesApi.vote(id, node.id, decision);
      setDetail((d) => (d ? { ...d, votes: { ...d.votes, [node.id]: tally } } : d));
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const apply = async () => {
    if (!detail) return;
    try {
      const result = await taxonomiesApi.applyVotes(id, detail.revision);
      setApplied(result);
      setDetail(result.taxonomy);
      setDialog(null);
      taxonomiesApi.revisions(id).then(setHistory, () => undefined);
    } catch (e) {
      setDialog(null);
      if (e instanceof HttpError && e.status === 409) load();
      notify((e as Error).message, { type: 'error' });
    }
  };

  if (!detail) return <LinearProgress sx={{ mt: 2 }} />;

  const renderNode = (node: TaxonomyNode, depth: number) => {
    const level = LEVELS[depth];
    const tally = detail.votes[node.id] ?? { keep: 0, remove: 0, mine: null };
    return (
      <Box key={node.id} sx={{ pl: depth * 3 }} data-testid={`node-${node.name}`}>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ py: 0.5, flexWrap: 'wrap' }}>
          <Chip size="small" variant="outlined" label={translate(`${M}.level.${level}`)} />
          <Typography sx={{ fontWeight: depth === 0 ? 600 : 400 }}>{node.name}</Typography>
          {level === 'discipline' &&
            (curator ? (
              <TextField
                select
                size="small"
                sx={{ width: 220, flex: '0 0 auto' }}
                label={translate(`${M}.node.ability`)}
                value={node.abilityKey ?? ''}
                inputProps={{ 'aria-label': `${translate(`${M}.node.ability`)} ${node.name}` }}
                onChange={(e) => void edit((rev) => taxonomiesApi.setAbility(id, rev, node.id, e.target.value || null))}
              >
                <MenuItem value="">{translate(`${M}.node.no_ability`)}</MenuItem>
                {(abilities ?? []).map((a) => (
                  <MenuItem key={a.key} value={a.key}>
                    {abilityName(a.key)}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              node.abilityKey && <Chip size="small" label={abilityName(node.abilityKey)} title={node.abilityKey} />
            ))}
          <Button size="small" variant={tally.mine === 'keep' ? 'contained' : 'outlined'} color="success" aria-pressed={tally.mine === 'keep'} aria-label={`${translate(`${M}.node.keep`)} ${node.name}`} onClick={() => void vote(node, 'keep')}>
            {translate(`${M}.node.keep`)} {tally.keep}
          </Button>
          <Button size="small" variant={tally.mine === 'remove' ? 'contained' : 'outlined'} color="error" aria-pressed={tally.mine === 'remove'} aria-label={`${translate(`${M}.node.remove`)} ${node.name}`} onClick={() => void vote(node, 'remove')}>
            {translate(`${M}.node.remove`)} {tally.remove}
          </Button>
          {curator && (
            <>
              {level !== 'discipline' && (
                <Tooltip title={translate(`${M}.node.add_child`, { name: node.name })}>
                  <IconButton size="small" aria-label={translate(`${M}.node.add_child`, { name: node.name })} onClick={() => setDialog({ kind: 'add', parent: node })}>
                    <AddIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
              <IconButton size="small" aria-label={`${translate(`${M}.node.rename`)} ${node.name}`} onClick={() => setDialog({ kind: 'rename', node })}>
                <EditIcon fontSize="small" />
              </IconButton>
              <IconButton size="small" aria-label={`${translate(`${M}.node.move`)} ${node.name}`} onClick={() => setDialog({ kind: 'move', node, depth })}>
                <DriveFileMoveIcon fontSize="small" />
              </IconButton>
              <IconButton size="small" aria-label={`${translate(`${M}.node.delete`)} ${node.name}`} onClick={() => setDialog({ kind: 'delete', node })}>
                <DeleteIcon fontSize="small" />
              </IconButton>
            </>
          )}
        </Stack>
        {node.children.map((c) => renderNode(c, depth + 1))}
      </Box>
    );
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={detail.name} />
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2, flexWrap: 'wrap' }}>
          <Link to="/taxonomies">{translate(`${M}.show.back`)}</Link>
          <Typography variant="h6">{detail.name}</Typography>
          <Chip label={translate(`${M}.show.revision`, { revision: detail.revision.slice(0, 12) })} sx={{ fontFamily: 'monospace' }} data-testid="revision" />
          <Box sx={{ flex: 1 }} />
          <Button startIcon={<DownloadIcon />} onClick={() => void taxonomiesApi.exportJson(id).catch((e: Error) => notify(e.message, { type: 'error' }))}>
            {translate(`${M}.show.export`)}
          </Button>
          {curator && (
            <>
              <Button startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'add', parent: null })}>
                {translate(`${M}.show.add_field`)}
              </Button>
              <Button variant="contained" startIcon={<GavelIcon />} onClick={() => setDialog({ kind: 'apply' })}>
                {translate(`${M}.show.apply_votes`)}
              </Button>
            </>
          )}
        </Stack>
        {applied && (
          <Alert severity="success" onClose={() => setApplied(null)} sx={{ mb: 2 }} data-testid="apply-result">
            {applied.removed.length
              ? translate(`${M}.show.applied`, { removed: applied.removed.length, revision: applied.taxonomy.revision.slice(0, 12) })
              : translate(`${M}.show.applied_none`)}
            {applied.outcomes
              .filter((o) => o.outcome !== 'kept')
              .map((o) => (
                <div key={o.nodeId}>
                  {o.path.join(' / ')} — {translate(o.outcome === 'removed' ? `${M}.show.outcome_removed` : `${M}.show.outcome_cascade`)} ({o.reason})
                </div>
              ))}
          </Alert>
        )}
        {detail.tree.fields.length === 0 ? <Typography color="text.secondary">{translate(`${M}.show.empty`)}</Typography> : detail.tree.fields.map((f) => renderNode(f, 0))}
        <Divider sx={{ my: 2 }} />
        <Typography variant="subtitle1">{translate(`${M}.show.history`)}</Typography>
        <List dense data-testid="revision-history">
          {history.map((r) => (
            <ListItem key={r.revision}>
              <ListItemText
                primary={translate(`${M}.show.history_row`, { revision: r.revision.slice(0, 12), fields: r.fieldCount, disciplines: r.disciplineCount })}
                secondary={`${formatDate(r.createdAt)}${r.revision === detail.revision ? ` · ${translate(`${M}.show.current`)}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
      {dialog?.kind === 'add' && (
        <NameDialog
          title={dialog.parent ? translate(`${M}.node.add_child`, { name: dialog.parent.name }) : translate(`${M}.show.add_field`)}
          initial=""
          onCancel={() => setDialog(null)}
          onSave={(name) => edit((rev) => taxonomiesApi.addNode(id, rev, dialog.parent?.id ?? null, name))}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog title={`${translate(`${M}.node.rename`)}: ${dialog.node.name}`} initial={dialog.node.name} onCancel={() => setDialog(null)} onSave={(name) => edit((rev) => taxonomiesApi.rename(id, rev, dialog.node.id, name))} />
      )}
      {dialog?.kind === 'move' && (
        <MoveDialog tree={detail.tree} node={dialog.node} onCancel={() => setDialog(null)} onMove={(parentId) => edit((rev) => taxonomiesApi.move(id, rev, dialog.node.id, parentId))} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          text={
            countDescendants(dialog.node) > 0
              ? translate(`${M}.node.delete_descendants`, { name: dialog.node.name, count: countDescendants(dialog.node) })
              : translate(`${M}.node.delete_confirm`, { name: dialog.node.name })
          }
          onCancel={() => setDialog(null)}
          onConfirm={() => edit((rev) => taxonomiesApi.removeNode(id, rev, dialog.node.id))}
        />
      )}
      {dialog?.kind === 'apply' && <ConfirmDialog text={translate(`${M}.show.apply_confirm`)} onCancel={() => setDialog(null)} onConfirm={apply} />}
    </Card>
  );
};
