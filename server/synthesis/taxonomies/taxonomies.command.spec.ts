import { describe, expect, it } from 'vitest';
import { draftDtoFromFlags } from './taxonomies.command';

const ENDPOINT = '6f1c3b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe(draftDtoFromFlags.name, () => {
  it('issue 15 item 1: reads short prompt names and numbers from the CLI flags', () => {
    expect(draftDtoFromFlags({ name: 'x', endpoint: ENDPOINT, prompts: 'academic, taxonomy-draft-professions', samples: '3', temperature: '0.5', language: 'zh' })).toMatchObject({
      name: 'x',
      endpointId: ENDPOINT,
      prompts: ['taxonomy-draft-academic', 'taxonomy-draft-professions'],
      samplesPerPrompt: 3,
      temperature: 0.5,
      language: 'zh',
    });
  });

  it('issue 15 item 1: names each bad flag by its flag', () => {
    expect(() => draftDtoFromFlags({ name: 'x', endpoint: ENDPOINT, samples: 'two', temperature: 'hot' })).toThrow('--samples: expected a number, got "two"\n--temperature: expected a number, got "hot"');
    let message = '';
    try {
      draftDtoFromFlags({ name: 'x', endpoint: 'nope', prompts: 'poetry', samples: '0', language: 'fr' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').sort()).toEqual([
      '--endpoint: endpointId must be a UUID',
      '--language: language must be one of the following values: en, zh',
      '--prompts: prompts: each must be one of taxonomy-draft-academic, taxonomy-draft-curriculum, taxonomy-draft-professions',
      '--samples: samplesPerPrompt must not be less than 1',
    ]);
  });
});
