import type { WindowFrame, WindowFunctionName } from '../../sql/ir.js';
import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

export interface WindowCall {
  readonly name: WindowFunctionName;
  readonly args: readonly BoundExpr[];
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly { readonly key: BoundExpr; readonly desc: boolean; readonly nullsFirst: boolean }[];
  readonly frame?: WindowFrame;
  readonly text: string;
}

/** Computes window functions over the whole input; call i goes to slot `width + i` of each tuple. */
export interface WindowNode {
  readonly kind: 'Window';
  readonly input: LogicalNode;
  readonly calls: readonly WindowCall[];
  /** Width of the input tuples. */
  readonly width: number;
}
