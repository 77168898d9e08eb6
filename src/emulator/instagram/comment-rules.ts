// The documented rules for comments created through the API: at most 300
// characters, 4 hashtags and 1 URL, and not all capital letters. The API's exact
// messages for these were not found documented; these follow Graph's "(#100)" style
// (no invented subcodes: clients should key on code 100 and the message).
import { GraphError, invalidParam } from './graph-error.js';

const HASHTAG = /#[\p{L}\p{N}_]+/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|me|app|dev|ly|gl)\b(?:\/\S*)?/giu;

export function validateCommentMessage(message: string | undefined): string {
  if (message === undefined || message.trim() === '') throw invalidParam('The parameter message is required');
  if ([...message].length > 300) {
    throw invalidParam('Comment text is too long: comments can be at most 300 characters', { error_user_title: 'Comment too long', error_user_msg: 'Comments can be at most 300 characters.' });
  }
  const hashtags = message.match(HASHTAG)?.length ?? 0;
  if (hashtags > 4) {
    throw invalidParam('Comments can contain at most 4 hashtags', { error_user_title: 'Too many hashtags', error_user_msg: 'Comments can contain at most 4 hashtags.' });
  }
  const urls = message.match(URL_LIKE)?.length ?? 0;
  if (urls > 1) {
    throw invalidParam('Comments can contain at most 1 URL', { error_user_title: 'Too many links', error_user_msg: 'Comments can contain at most 1 URL.' });
  }
  const letters = message.replace(HASHTAG, '').replace(URL_LIKE, '');
  if (/\p{Lu}/u.test(letters) && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    throw invalidParam('Comments cannot consist of all capital letters', { error_user_title: 'All capital letters', error_user_msg: 'Comments cannot consist of all capital letters.' });
  }
  return message;
}

export function commentsDisabledError(): GraphError {
  return new GraphError(400, {
    message: '(#100) Comments are disabled for this media',
    type: 'OAuthException',
    code: 100,
    error_user_title: 'Comments disabled',
    error_user_msg: 'The owner of this media has turned off commenting.',
  });
}
