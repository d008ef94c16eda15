import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import handler, { noteBody, userId } from './util/handler.js';
import dynamoDb from './util/dynamodb.js';

export const main = handler(async (event) => {
  const caller = userId(event);
  const data = noteBody(event);
  const params = {
    TableName: process.env.TABLE_NAME,
    Item: {
      userId: caller,
      noteId: randomUUID(),
      content: data.content,
      attachment: data.attachment,
      createdAt: Date.now(),
    },
  };
  await dynamoDb.send(new PutCommand(params));
  return params.Item;
});
