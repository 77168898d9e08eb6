/**
 * Tables only the Instagram API with Facebook Login serves. Under AuthScheme=InstagramLogin
 * (graph.instagram.com) there are no Facebook Pages, and Meta serves hashtag search and business
 * discovery only on graph.facebook.com: such a table stays in the catalog (so `.schema` and
 * sys_tables still describe it), but planning it is a PlanError naming the scheme to use, before
 * any call.
 */
import { PlanError } from '../../errors.js';
import type { TableSource } from '../../source/contract.js';
import type { AuthSchemeName } from './login-schemes.js';

/** Pages (/me/accounts), and what Meta documents as Facebook-Login only: hashtag search, business discovery. */
const FACEBOOK_ONLY = /^(Pages|InstagramPages)$|Hashtag|BusinessDiscovery|Competitor/i;

export function needsFacebookLogin(table: string): boolean {
  return FACEBOOK_ONLY.test(table);
}

export function requireFacebookLogin(scheme: AuthSchemeName, sources: readonly TableSource[]): TableSource[] {
  if (scheme === 'FacebookLogin') return [...sources];
  return sources.map((source) => (needsFacebookLogin(source.info.name) ? facebookOnly(source) : source));
}

function facebookOnly(source: TableSource): TableSource {
  return {
    info: source.info,
    keyColumns: source.keyColumns,
    plan() {
      throw new PlanError(
        `${source.info.name} needs a Facebook Page, which AuthScheme=InstagramLogin (graph.instagram.com) does not have: Meta serves it only through the Instagram API with Facebook Login. Connect with AuthScheme=OAuth (Facebook Login) to query it.`,
      );
    },
  };
}
