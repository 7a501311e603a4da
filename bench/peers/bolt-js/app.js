// The Slack peer of bench/run: Bolt for JavaScript answering the bench's signed slash command
// with a fixed message (the answer genai-pitch gives to one question, recorded in
// ../fixtures/slack-answer.json), on its default HTTP receiver, POST /slack/events.
// Environment: PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL (the bench's fake Web API).
'use strict';
const fs = require('fs');
const path = require('path');
const { App, LogLevel } = require('@slack/bolt');

const answer = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'slack-answer.json'), 'utf8'));

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

app.command('/genai-pitch', async ({ ack }) => {
  await ack(answer);
});

(async () => {
  await app.start(Number(process.env.PORT));
  console.log(`bolt-js peer listening on ${process.env.PORT}`);
})();

process.on('SIGTERM', () => app.stop().then(() => process.exit(0), () => process.exit(1)));
