import { Box } from '@mui/material';

/**
 * Text kept on one line in a list cell: what does not fit ends in an ellipsis, and the whole text is in the tooltip.
 * A path keeps its file name in view: the folders give way first (`/数据/…/ceval-val.jsonl`). The cell around it
 * sets the width (see ImportList); `maxWidth` caps it where the cell does not.
 */
export const OneLineText = ({ text, path = false, maxWidth }: { text: string; path?: boolean; maxWidth?: number | string }) => {
  const cut = path ? Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1 : 0;
  const [folder, name] = [text.slice(0, cut), text.slice(cut)];
  return (
    <Box component="span" title={text} sx={{ display: 'flex', minWidth: 0, maxWidth, whiteSpace: 'nowrap' }}>
      {folder && (
        <Box component="span" sx={{ flex: '0 1 auto', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {folder}
        </Box>
      )}
      <Box component="span" sx={{ flex: '0 0 auto', maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {name}
      </Box>
    </Box>
  );
};
