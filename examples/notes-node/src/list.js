import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import handler, { userId } from './util/handler.js';
import dynamoDb from './util/dynamodb.js';

export const main = handler(async (event) => {
  const params = {
    TableName: process.env.TABLE_NAME,
    KeyConditionExpression: 'userId = :userId',
    ExpressionAttributeValues: { ':userId': userId(event) },
    ConsistentRead: true,
  };
  const items = [];
  do {
    const page = await dynamoDb.send(new QueryCommand(params));
    items.push(...page.Items);
    params.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (params.ExclusiveStartKey);
  // newest first; notes without createdAt last; ties in noteId order
  return items.sort((a, b) => (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity)
    || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
});
