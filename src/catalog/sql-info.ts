/**
 * sys_sqlinfo: what the SQL engine supports, in CData's row names where they exist. Function
 * lists come from the function registry itself, so the table cannot claim what the engine lacks.
 */
import { DATE_FUNCTIONS } from '../exec/date-functions.js';
import { SCALAR_FUNCTIONS } from '../exec/functions.js';
import { MATH_FUNCTIONS } from '../exec/more-functions.js';

const WINDOW_FUNCTIONS = 'ROW_NUMBER, RANK, DENSE_RANK, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, SUM, COUNT, AVG, MIN, MAX';

export function sqlInfo(): Record<string, string> {
  const dateNames = Object.keys(DATE_FUNCTIONS);
  const dateLiterals = dateNames.filter((n) => n.startsWith('L_'));
  const dates = ['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'NOW', 'GETDATE', 'GETUTCDATE', ...dateNames.filter((n) => !n.startsWith('L_'))];
  const scalar = Object.keys(SCALAR_FUNCTIONS).filter((n) => !dates.includes(n) && !dateLiterals.includes(n));
  const numeric = scalar.filter((n) => n in MATH_FUNCTIONS || ['ABS', 'CEIL', 'CEILING', 'FLOOR', 'ROUND'].includes(n));
  const conversion = scalar.filter((n) => ['CAST', 'CONVERT', 'COALESCE', 'IFNULL', 'ISNULL', 'NULLIF', 'TOSTRING', 'STR', 'ISNUMERIC'].includes(n));
  return {
    IDENTIFIER_QUOTE_OPEN_CHAR: '[',
    IDENTIFIER_QUOTE_CLOSE_CHAR: ']',
    SUPPORTED_OPERATORS: '=, <>, !=, <, >, <=, >=, LIKE, NOT LIKE, IN, NOT IN, BETWEEN, NOT BETWEEN, IS NULL, IS NOT NULL, CONTAINS, AND, OR, NOT, +, -, *, /, %, ||',
    AGGREGATE_FUNCTIONS: 'COUNT, COUNT(*), COUNT(DISTINCT), COUNT(DISTINCT a, b), SUM, SUM(DISTINCT), AVG, AVG(DISTINCT), MIN, MAX',
    WINDOW_FUNCTIONS,
    WINDOW_FRAMES: 'PARTITION BY, ORDER BY, ROWS BETWEEN UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW AND CURRENT ROW | n FOLLOWING | UNBOUNDED FOLLOWING, RANGE BETWEEN UNBOUNDED PRECEDING | CURRENT ROW AND CURRENT ROW | UNBOUNDED FOLLOWING; without a frame: RANGE UNBOUNDED PRECEDING to CURRENT ROW (peers included)',
    STRING_FUNCTIONS: scalar.filter((n) => !conversion.includes(n) && !numeric.includes(n)).sort().join(', '),
    NUMERIC_FUNCTIONS: numeric.sort().join(', '),
    CONVERSION_FUNCTIONS: ['CAST', ...conversion].join(', '),
    DATE_FUNCTIONS: dates.sort().join(', '),
    DATE_LITERAL_FUNCTIONS: dateLiterals.join(', '),
    TIME_ZONE: 'UTC (dates without an offset are UTC; weeks start on Sunday except ISO weeks and DATE_TRUNC)',
    GROUP_BY: 'SQL_GB_NO_RELATION (expressions, select-list aliases and ordinals)',
    ORDER_BY: 'expressions, aliases, ordinals, NULLS FIRST | LAST',
    OUTER_JOINS: 'YES',
    OJ_CAPABILITIES: 'LEFT, RIGHT, FULL, NESTED',
    JOIN_TYPES: 'INNER, LEFT [OUTER], RIGHT [OUTER], FULL [OUTER], CROSS; ON with several conditions; any number of tables',
    SUBQUERIES:
      'IN, NOT IN, EXISTS, NOT EXISTS, scalar, derived tables in FROM; correlated through equalities in the subquery WHERE, in SELECT, WHERE, GROUP BY, HAVING, ORDER BY and the ON of an INNER join that no RIGHT or FULL join follows (decorrelated into LEFT JOINs of grouped keys), and in the ON of a LEFT join reading the joined table alone (an Apply over its scan): scalar aggregates, scalar values (more than one row is an error; TOP n / LIMIT n [OFFSET m] with ORDER BY), [NOT] EXISTS, [NOT] IN with SQL NULL semantics; in a grouped query, correlated through GROUP BY keys; any other correlation (other than =, or grouping or limiting inside) runs as an Apply, once per distinct outer value with its tables read once, before grouping (after GROUP BY when it reads only GROUP BY keys); a nested subquery may read any enclosing query (the subquery around it runs as an Apply)',
    SET_OPERATIONS: 'UNION, UNION ALL, INTERSECT, EXCEPT, INTERSECT ALL, EXCEPT ALL (left-associative), with ORDER BY and LIMIT over the result',
    COMMON_TABLE_EXPRESSIONS: 'WITH (non-recursive), with column lists',
    DML_STATEMENTS: 'SELECT, EXPLAIN, EXPLAIN ANALYZE, EXEC, INSERT, UPDATE, DELETE',
    PARAMETERS: '?, @name',
  };
}
