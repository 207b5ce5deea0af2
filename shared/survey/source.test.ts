import { describe, expect, it } from 'vitest';
import { collectionSource } from './source';

describe('how a survey answer was collected', () => {
  it('trusts what the server verified over the link parameter', () => {
    expect(collectionSource({ paper: true, invitation: false, point: true, src: 'menu' })).toBe(
      'paper',
    );
    expect(collectionSource({ paper: false, invitation: true, point: false, src: 'menu' })).toBe(
      'case_invitation',
    );
    expect(collectionSource({ paper: false, invitation: false, point: true, src: 'menu' })).toBe(
      'counter_qr',
    );
  });
  it('names the chat menu link only from its src, and nothing else as known', () => {
    expect(collectionSource({ paper: false, invitation: false, point: false, src: 'menu' })).toBe(
      'chat_menu',
    );
    expect(collectionSource({ paper: false, invitation: false, point: false, src: 'qr' })).toBe(
      'unknown',
    );
    expect(collectionSource({ paper: false, invitation: false, point: false })).toBe('unknown');
  });
});
