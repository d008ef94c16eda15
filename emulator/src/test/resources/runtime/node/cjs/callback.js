// A CommonJS callback-style handler.
exports.handler = function (event, context, callback) {
  setTimeout(() => callback(null, { style: 'callback', value: event.value * 2 }), 5);
};
exports.failing = function (event, context, callback) {
  callback(new Error('callback error'));
};
