// Signs in with amazon-cognito-identity-js (USER_SRP_AUTH, the library's default) and prints one JSON line.
// Usage: node sign-in.js <endpoint> <userPoolId> <clientId> <email> <password>
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const [endpoint, UserPoolId, ClientId, Username, Password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint });
const user = new CognitoUser({ Username, Pool: pool });
user.authenticateUser(new AuthenticationDetails({ Username, Password }), {
  onSuccess: (session) => {
    const payload = session.getIdToken().decodePayload();
    console.log(JSON.stringify({ ok: true, sub: payload.sub, email: payload.email,
      refresh: session.getRefreshToken().getToken().length > 0 }));
  },
  onFailure: (err) => {
    console.log(JSON.stringify({ ok: false, code: err.code, message: err.message }));
  },
  newPasswordRequired: () => console.log(JSON.stringify({ ok: false, code: 'NEW_PASSWORD_REQUIRED' })),
});
