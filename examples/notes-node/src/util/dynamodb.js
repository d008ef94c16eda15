// The guide's DynamoDB DocumentClient: region, endpoint and credentials from the SDK's standard settings
// (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID...), as Lambda (or Gatehouse) sets them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = new DynamoDBClient({});

export default DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
