import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseToOneLine, endsWithTerminator, firstKeyword, hasOpenQuoteOrComment, splitStatements } from '../../src/cli/sql-text.js';

test('splitStatements splits on ; outside quotes, brackets and comments', () => {
  const sql = `SELECT 'a;b' FROM T; SELECT "x;y", [c;d] FROM U -- note; not a split
; /* ; */ SELECT 3;;`;
  assert.deepEqual(splitStatements(sql), [`SELECT 'a;b' FROM T`, `SELECT "x;y", [c;d] FROM U -- note; not a split`, '/* ; */ SELECT 3']);
});

test('splitStatements handles doubled quotes, a missing final ; and comment-only input', () => {
  assert.deepEqual(splitStatements(`SELECT 'it''s; fine'`), [`SELECT 'it''s; fine'`]);
  assert.deepEqual(splitStatements('-- only a comment\n  ;  /* and another */'), []);
  assert.deepEqual(splitStatements(''), []);
});

test('endsWithTerminator: the last thing outside quotes and comments is ;', () => {
  assert.equal(endsWithTerminator('SELECT 1;'), true);
  assert.equal(endsWithTerminator('SELECT 1;  -- done'), true);
  assert.equal(endsWithTerminator('SELECT 1; /* c */ '), true);
  assert.equal(endsWithTerminator('SELECT 1'), false);
  assert.equal(endsWithTerminator("SELECT 'a;"), false);
  assert.equal(endsWithTerminator("SELECT 'a;'"), false);
  assert.equal(endsWithTerminator('SELECT 1 /* ; '), false);
  assert.equal(endsWithTerminator('SELECT 1 -- ;'), false);
});

test('hasOpenQuoteOrComment', () => {
  assert.equal(hasOpenQuoteOrComment("SELECT 'abc"), true);
  assert.equal(hasOpenQuoteOrComment('/* open'), true);
  assert.equal(hasOpenQuoteOrComment("SELECT 'abc' -- x"), false);
});

test('firstKeyword skips comments and whitespace', () => {
  assert.equal(firstKeyword('  -- hi\n/* x */ select 1'), 'SELECT');
  assert.equal(firstKeyword('EXEC GetOAuthAuthorizationURL'), 'EXEC');
  assert.equal(firstKeyword(''), '');
});

test('collapseToOneLine keeps recalled statements runnable', () => {
  assert.equal(collapseToOneLine('SELECT Id -- the id\n  FROM T\n WHERE Name = \'a\nb\';'), "SELECT Id /* the id */ FROM T WHERE Name = 'a\nb';");
});
