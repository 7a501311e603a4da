// The Teams peer of bench/run: a Bot Framework for JavaScript bot (CloudAdapter on restify, no app
// id: the Emulator's mode, as genai-pitch's TEAMS_EMULATOR) answering every 1:1 message with the
// same card genai-pitch sends (recorded in ../fixtures/teams-reply.json) to the activity's
// serviceUrl, the bench's fake Bot Connector. Environment: PORT.
'use strict';
const fs = require('fs');
const path = require('path');
const restify = require('restify');
const {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} = require('botbuilder');

const reply = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'teams-reply.json'), 'utf8'));

class PitchBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({
        type: 'message',
        text: reply.text,
        textFormat: reply.textFormat,
        summary: reply.summary,
        attachments: reply.attachments,
      });
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(`turn failed: ${error}`);
};
const bot = new PitchBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (req, res, next) => {
  res.send(200, 'ok');
  return next();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`botbuilder-js peer listening on ${process.env.PORT}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
