/**
 * Outlet detection on invented page text: byline boxes, author bios,
 * self-descriptions, the site's own address, credit lines.
 */
import { describe, expect, it } from 'vitest';
import { creditedHosts, creditedOutletName, pageSite, storyOutlet } from './site.js';

const page = (...lines: string[]): string => lines.join('\n\n');

describe('pageSite', () => {
  it('reads a desk byline box as the site name, dropping "Desk" and a desk kind', () => {
    expect(pageSite(page('Lanterns light up the quay', 'Quayside Courier News Desk')).named).toBe(
      'Quayside Courier News',
    );
    expect(pageSite(page('By Fenwick Tribune Web Desk')).named).toBe('Fenwick Tribune');
    // A desk that names no outlet is no site.
    expect(pageSite(page('News Desk')).named).toBeNull();
  });

  it('reads an author bio or a self-description', () => {
    expect(
      pageSite(
        page(
          'Mara Oduya',
          'Mara has covered ports for years. She is the lead writer for Harbour Post.',
        ),
      ).named,
    ).toBe('Harbour Post');
    expect(pageSite(page('Tomas writes for Valley Ledger and lives inland.')).named).toBe(
      'Valley Ledger',
    );
    expect(
      pageSite(page('Ferry Times Daily is a fast growing news website covering the coast.')).named,
    ).toBe('Ferry Times Daily');
  });

  it("takes the site's bare address over image hosts and linked pages", () => {
    const text = page(
      'https://img.pixhost.example/a.jpg',
      'https://img.pixhost.example/b.jpg',
      'Read: https://othersite.example/story/1',
      'https://www.coastradio.example',
    );
    expect(pageSite(text)).toEqual({ named: null, domain: 'coastradio.example' });
  });

  it('leaves out the hosts the page credits as its source', () => {
    const text = page(
      'Republished from reuters.com/world/harbour-story-1',
      'Previous: https://reposter.example/politics/old-story',
    );
    const hosts = creditedHosts(['Republished from reuters.com/world/harbour-story-1']);
    expect(hosts).toEqual(['reuters.com']);
    expect(pageSite(text, hosts).domain).toBe('reposter.example');
    // Known outlets' domains become their names.
    expect(pageSite('https://www.bbc.co.uk').domain).toBe('BBC');
  });
});

describe('creditedOutletName', () => {
  it('names the outlet a credit line says the text came from', () => {
    expect(creditedOutletName('Republished from reuters.com/world/harbour-story-1')).toBe(
      'Reuters',
    );
    expect(creditedOutletName('This article first appeared on Island Gazette.')).toBe(
      'Island Gazette',
    );
    expect(creditedOutletName('Photo by a reader')).toBeNull();
  });
});

describe('storyOutlet', () => {
  const site = { named: 'Harbour Post', domain: 'harbourpost.example' };
  const base = { publisher: null, site, ownsSite: true, attribution: [], source: 'AP' };

  it('prefers publisher metadata, then the byline box or bio, over the dateline', () => {
    expect(storyOutlet({ ...base, publisher: 'Associated Press' })).toBe('AP');
    expect(storyOutlet(base)).toBe('Harbour Post');
    // On an aggregator page the box is not the story's: its dateline says.
    expect(storyOutlet({ ...base, ownsSite: false })).toBe('AP');
  });

  it('says a credited source as "X via <publisher>"', () => {
    const attribution = ['Republished from reuters.com/world/harbour-story-1'];
    expect(storyOutlet({ ...base, attribution })).toBe('Reuters via Harbour Post');
    expect(storyOutlet({ ...base, attribution, ownsSite: false })).toBe(
      'Reuters via harbourpost.example',
    );
    expect(
      storyOutlet({ ...base, attribution, site: { named: null, domain: null }, ownsSite: false }),
    ).toBe('Reuters');
  });

  it("falls back to the page's address, else null", () => {
    expect(storyOutlet({ ...base, source: null, ownsSite: false })).toBe('harbourpost.example');
    expect(
      storyOutlet({ ...base, source: null, ownsSite: false, site: { named: null, domain: null } }),
    ).toBeNull();
  });
});
