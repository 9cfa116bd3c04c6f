import { join } from 'node:path';

/**
 * The reference documents the tests hold the project to: Gong's endpoint and convention notes with
 * their sample responses, and the two action lists the catalog was built from. A copy lives in
 * test/fixtures/reference so a fresh clone tests on its own; GONG_SHARED_DIR points at another copy.
 * (Compiled to out/test/unit, hence three levels up to the repository.)
 */
export const REFERENCE_DIR = process.env.GONG_SHARED_DIR ?? join(__dirname, '..', '..', '..', 'test', 'fixtures', 'reference');
export const SAMPLE_RESPONSES_DIR = join(REFERENCE_DIR, 'gong-api', 'sample-responses');
