// VADER (npm vader-sentiment) and AFINN (npm sentiment) on the same texts as Herald: one JSON string per input line,
// one output line per input: "<vader compound>\t<afinn score>\t<afinn comparative>".
const readline = require('readline');
const vader = require('vader-sentiment');
const Sentiment = require('sentiment');
const afinn = new Sentiment();
const out = [];
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  const text = JSON.parse(line);
  const v = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const a = afinn.analyze(text);
  out.push(`${v}\t${a.score}\t${a.comparative}`);
});
rl.on('close', () => process.stdout.write(out.join('\n') + '\n'));
