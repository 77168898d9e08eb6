/** The one empty row a SELECT without FROM reads from. */
export interface ValuesNode {
  readonly kind: 'Values';
  readonly width: number;
}
