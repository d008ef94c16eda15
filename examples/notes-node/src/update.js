import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import handler, { notFound, noteBody, noteId, possibleNoteId, userId } from './util/handler.js';
import dynamoDb from './util/dynamodb.js';

export const main = handler(async (event) => {
  const caller = userId(event);
  const id = noteId(event);
  const data = noteBody(event);
  if (!possibleNoteId(id)) {
    throw notFound();
  }
  const set = [];
  const remove = [];
  const values = {};
  for (const field of ['content', 'attachment']) {
    if (data[field] === undefined) {
      remove.push(field);
    } else {
      set.push(`${field} = :${field}`);
      values[`:${field}`] = data[field];
    }
  }
  const params = {
    TableName: process.env.TABLE_NAME,
    Key: { userId: caller, noteId: id },
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
      .join(' ').trim(),
    ExpressionAttributeValues: set.length ? values : undefined,
    // only the caller's existing note: never an upsert
    ConditionExpression: 'attribute_exists(noteId)',
  };
  try {
    await dynamoDb.send(new UpdateCommand(params));
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') {
      throw notFound();
    }
    throw error;
  }
  return { status: true };
});
