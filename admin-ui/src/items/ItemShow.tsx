import { Stack } from '@mui/material';
import {
  BooleanField,
  FunctionField,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { AbilityName } from '../abilities/AbilityName';
import { answerTypeChoices, duplicateKindChoices, itemStatusChoices, splitChoices } from '../choices';
import { goldAsMarkdown } from '../markdown/normalizeMath';
import { ItemDistractors } from './ItemDistractors';
import { ItemModelAnswers } from './ItemModelAnswers';
import { ItemRevisionAction } from './ItemRevisionAction';
import { ItemReviews } from './ItemReviews';
import { ItemSplitAction } from './ItemSplitAction';
import { ItemRevisions } from './ItemRevisions';
import type { ItemRecord } from './itemRecord';
import { Markdown } from './Markdown';
import { Messages } from './Messages';
import { ReviewModeChip } from './ReviewModeChip';
import { DateTimeField } from '../i18n/dates';

const H = 'resources.items.history';

/** The item (with a lead's revision action by its status and the split action), then its history: review rounds, revisions with their diffs, distractors, and what each model checkpoint answered. */
export const ItemShow = () => {
  const translate = useTranslate();
  return (
    <Show
      actions={
        <TopToolbar>
          <ItemRevisionAction />
          <ItemSplitAction />
        </TopToolbar>
      }
    >
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={`${H}.item`}>
          <TextField source="id" />
          <ReferenceField source="abilityId" reference="abilities" link={false}>
            <AbilityName />
          </ReferenceField>
          <SelectField source="status" choices={itemStatusChoices} />
          <SelectField source="split" choices={splitChoices} emptyText="—" />
          <FunctionField<ItemRecord>
            source="reviewMode"
            render={(item) => (item.reviewMode === 'dual' ? translate('pace.review_mode.dual') : <ReviewModeChip mode={item.reviewMode} />)}
          />
          <Messages label="resources.items.fields.messages" />
          <FunctionField<ItemRecord>
            source="questionFormat"
            render={(item) => translate(item.questionFormat === 1 ? 'pace.question_format.open_ended' : 'pace.question_format.exact_match')}
          />
          <SelectField source="answerType" choices={answerTypeChoices} />
          <FunctionField<ItemRecord> source="gold" render={(item) => (item.gold ? <Markdown>{goldAsMarkdown(item.answerType, item.gold)}</Markdown> : '—')} />
          <FunctionField<ItemRecord>
            source="choices"
            render={(item) =>
              item.choices?.map((c, i) => (
                <Stack key={i} direction="row" spacing={1}>
                  <span>{`${i + 1}.`}</span>
                  <Markdown>{c}</Markdown>
                </Stack>
              )) ?? '—'
            }
          />
          <BooleanField source="pplReady" />
          <ReferenceField source="duplicateOf" reference="items" link="show" emptyText="—">
            <TextField source="id" />
          </ReferenceField>
          <SelectField source="duplicateKind" choices={duplicateKindChoices} emptyText="—" />
          <NumberField source="duplicateSimilarity" options={{ maximumFractionDigits: 3 }} emptyText="—" />
          <ReferenceField source="sourceId" reference="sources" link={false}>
            <TextField source="name" />
          </ReferenceField>
          <ReferenceField source="importId" reference="imports" link="show">
            <TextField source="originalName" />
          </ReferenceField>
          <FunctionField<ItemRecord> label="resources.items.fields.rawFile" render={(item) => `${item.rawFile}:${item.rawLine}`} />
          <DateTimeField source="createdAt" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${H}.reviews`} path="reviews">
          <ItemReviews label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${H}.revisions`} path="revisions">
          <ItemRevisions label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${H}.distractors`} path="distractors">
          <ItemDistractors label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="pace.experiments.answers.tab" path="model-answers">
          <ItemModelAnswers label={false} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
