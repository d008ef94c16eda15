import { GetCommand } from '@aws-sdk/lib-dynamodb';
import handler, { notFound, noteId, possibleNoteId, userId } from './util/handler.js';
import dynamoDb from './util/dynamodb.js';

export const main = handler(async (event) => {
  const caller = userId(event);
  const id = noteId(event);
  if (!possibleNoteId(id)) {
    throw notFound();
  }
  const params = {
    TableName: process.env.TABLE_NAME,
    Key: { userId: caller, noteId: id },
    ConsistentRead: true,
  };
  const result = await dynamoDb.send(new GetCommand(params));
  if (!result.Item) {
    throw notFound();
  }
  return result.Item;
});
