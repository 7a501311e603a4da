// The genai-pitch playground: asks the server, then draws the answer twice, as Slack shows the
// Block Kit message and as Teams shows the Adaptive Card. Plain JavaScript, no build step.
//
// Safety: every string from the server (the script's words and the user's own) reaches the page
// through textContent or a text node, never through innerHTML.
(function () {
  "use strict";

  var API = "/playground/";

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function isWordChar(ch) {
    return !!ch && /[0-9A-Za-z\u00C0-\u024F]/.test(ch);
  }

  function isSpace(ch) {
    return !ch || /\s/.test(ch);
  }

  // ---------------------------------------------------------------------------------------------
  // Slack: mrkdwn and Block Kit

  // Slack escapes exactly these three in message text.
  function slackUnescape(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  var SLACK_MARKS = { "*": "strong", "_": "em", "~": "s", "`": "code" };

  // One line of mrkdwn (no line breaks): *bold*, _italic_, ~strike~, `code`, nested where Slack
  // nests them. A marker counts only at a word boundary, as in Slack (snake_case stays as it is).
  function slackInline(text, parent) {
    var plain = "";
    var i = 0;
    function flush() {
      if (plain) {
        parent.appendChild(document.createTextNode(slackUnescape(plain)));
        plain = "";
      }
    }
    while (i < text.length) {
      var ch = text.charAt(i);
      var tag = SLACK_MARKS[ch];
      if (tag && !isWordChar(text.charAt(i - 1)) && !isSpace(text.charAt(i + 1))) {
        var close = findSlackClose(text, ch, i + 1);
        if (close > i + 1) {
          flush();
          var node = el(tag);
          var inner = text.substring(i + 1, close);
          if (tag === "code") {
            node.textContent = slackUnescape(inner);
          } else {
            slackInline(inner, node);
          }
          parent.appendChild(node);
          i = close + 1;
          continue;
        }
      }
      plain += ch;
      i++;
    }
    flush();
  }

  function findSlackClose(text, mark, from) {
    for (var j = from; j < text.length; j++) {
      if (text.charAt(j) === mark && !isSpace(text.charAt(j - 1)) && !isWordChar(text.charAt(j + 1))) {
        return j;
      }
    }
    return -1;
  }

  // A mrkdwn text: ``` blocks become preformatted text, runs of "> " lines become one quote,
  // blank lines separate paragraphs, single line breaks stay line breaks.
  function slackMrkdwn(text, parent) {
    var parts = text.split("```");
    for (var p = 0; p < parts.length; p++) {
      if (p % 2 === 1 && p < parts.length - 1) {
        parent.appendChild(el("pre", "slack-pre", slackUnescape(parts[p].replace(/^\n|\n$/g, ""))));
      } else {
        slackLines(p % 2 === 1 ? "```" + parts[p] : parts[p], parent);
      }
    }
  }

  function slackLines(text, parent) {
    var lines = text.split("\n");
    var current = null; // the paragraph or quote being filled
    var currentIsQuote = false;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var quoted = line.charAt(0) === ">";
      if (!quoted && line.trim() === "") {
        current = null;
        continue;
      }
      if (!current || currentIsQuote !== quoted) {
        current = el(quoted ? "blockquote" : "p", quoted ? "slack-quote" : "slack-p");
        currentIsQuote = quoted;
        parent.appendChild(current);
      } else {
        current.appendChild(el("br"));
      }
      slackInline(quoted ? line.replace(/^> ?/, "") : line, current);
    }
  }

  function slackText(obj, parent) {
    if (!obj) {
      return;
    }
    if (obj.type === "mrkdwn") {
      slackMrkdwn(obj.text || "", parent);
    } else {
      // plain_text: shown as written, only the three entities Slack decodes in any text.
      parent.appendChild(el("span", null, slackUnescape(obj.text || "")));
    }
  }

  function slackButton(element) {
    var button = el("button", "slack-button", element.text ? element.text.text : "");
    button.type = "button";
    if (element.style === "primary") {
      button.classList.add("slack-primary");
    }
    // Slack's feedback buttons are emoji alone: give them words for screen readers.
    if (element.action_id === "feedback.yes" || element.action_id === "feedback.no") {
      button.setAttribute("aria-label", element.action_id === "feedback.yes" ? "Helpful" : "Not helpful");
    }
    button.addEventListener("click", function () {
      slackClick(element);
    });
    return button;
  }

  function renderSlack(message, container) {
    clear(container);
    (message.blocks || []).forEach(function (block) {
      var node;
      switch (block.type) {
        case "header":
          node = el("div", "slack-header", block.text ? block.text.text : "");
          node.setAttribute("role", "heading");
          node.setAttribute("aria-level", "4");
          break;
        case "section":
          node = el("div", "slack-section");
          var body = el("div", "slack-section-body");
          if (block.text) {
            slackText(block.text, body);
          }
          if (block.fields) {
            var fields = el("div", "slack-fields");
            block.fields.forEach(function (field) {
              var cell = el("div", "slack-field");
              slackText(field, cell);
              fields.appendChild(cell);
            });
            body.appendChild(fields);
          }
          node.appendChild(body);
          if (block.accessory && block.accessory.type === "button") {
            var accessory = slackButton(block.accessory);
            // "Open" alone says little to a screen reader: name the topic it opens.
            var title = block.text ? slackUnescape((block.text.text || "").split("\n")[0].replace(/\*/g, "")) : "";
            if (title) {
              accessory.setAttribute("aria-label", (block.accessory.text.text || "Open") + ": " + title);
            }
            node.appendChild(el("div", "slack-accessory")).appendChild(accessory);
          }
          break;
        case "context":
          node = el("div", "slack-context");
          (block.elements || []).forEach(function (element) {
            var item = el("span", "slack-context-item");
            slackText(element, item);
            node.appendChild(item);
          });
          break;
        case "divider":
          node = el("hr", "slack-divider");
          break;
        case "actions":
          node = el("div", "slack-actions");
          node.setAttribute("role", "group");
          (block.elements || []).forEach(function (element) {
            if (element.type === "button") {
              node.appendChild(slackButton(element));
            }
          });
          if (block.block_id === "answer.feedback") {
            node.setAttribute("aria-label", "Helpful?");
            node.classList.add("feedback-buttons");
          }
          break;
        default:
          node = el("div", "unsupported", "(a " + block.type + " block, which the playground does not draw)");
      }
      container.appendChild(node);
    });
  }

  function buttonValue(element) {
    try {
      return JSON.parse(element.value || "{}");
    } catch (e) {
      return {};
    }
  }

  function slackClick(element) {
    var value = buttonValue(element);
    var action = element.action_id || "";
    if (action === "post_in_channel") {
      note("slack-note", "In Slack, “Post in channel” posts this answer in the channel for everyone, with your question.");
    } else if (action === "feedback.yes" || action === "feedback.no") {
      sendFeedback(value.i, action === "feedback.yes");
    } else if (action.indexOf("open_topic.") === 0 && value.i) {
      openSection(value.i, { focus: true });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Teams: Adaptive Card markdown and elements

  // Adaptive Card markdown as Teams renders it: backslash escapes, **bold**, _italic_ and *italic*.
  function acTokens(text) {
    var tokens = [];
    var plain = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch === "\\" && i + 1 < text.length && /[!-\/:-@\[-`{-~]/.test(text.charAt(i + 1))) {
        plain += text.charAt(i + 1);
        i++;
      } else if (ch === "*" || ch === "_") {
        var mark = ch === "*" && text.charAt(i + 1) === "*" ? "**" : ch;
        if (plain) {
          tokens.push({ text: plain });
          plain = "";
        }
        tokens.push({ mark: mark, before: text.charAt(i - 1), after: text.charAt(i + mark.length) });
        i += mark.length - 1;
      } else {
        plain += ch;
      }
    }
    if (plain) {
      tokens.push({ text: plain });
    }
    return tokens;
  }

  // Pairs each opening marker with the next closing one of the same kind; the rest are text.
  function acPair(tokens) {
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      if (!t.mark || t.pair !== undefined || isSpace(t.after) || (t.mark === "_" && isWordChar(t.before))) {
        continue;
      }
      for (var j = i + 1; j < tokens.length; j++) {
        var u = tokens[j];
        if (u.mark === t.mark && u.pair === undefined && !isSpace(u.before) && !(u.mark === "_" && isWordChar(u.after))) {
          t.pair = j;
          u.pair = i;
          break;
        }
      }
    }
  }

  function acBuild(tokens, from, to, parent) {
    var i = from;
    while (i < to) {
      var t = tokens[i];
      if (t.mark && t.pair !== undefined && t.pair > i && t.pair < to) {
        var node = el(t.mark === "**" ? "strong" : "em");
        acBuild(tokens, i + 1, t.pair, node);
        parent.appendChild(node);
        i = t.pair + 1;
      } else {
        parent.appendChild(document.createTextNode(t.mark ? t.mark : t.text));
        i++;
      }
    }
  }

  function acMarkdown(text, parent) {
    var lines = text.split("\n");
    lines.forEach(function (line, n) {
      if (n > 0) {
        parent.appendChild(el("br"));
      }
      var tokens = acTokens(line);
      acPair(tokens);
      acBuild(tokens, 0, tokens.length, parent);
    });
  }

  function acSpacing(node, element) {
    if (element.spacing) {
      node.classList.add("ac-spacing-" + element.spacing.toLowerCase());
    }
    if (element.separator) {
      node.classList.add("ac-separator");
    }
  }

  function acElement(element) {
    var node;
    switch (element.type) {
      case "TextBlock":
        node = el("div", "ac-text");
        node.classList.add("ac-size-" + (element.size || "default").toLowerCase());
        if (element.weight) {
          node.classList.add("ac-weight-" + element.weight.toLowerCase());
        }
        if (element.isSubtle) {
          node.classList.add("ac-subtle");
        }
        if (element.color) {
          node.classList.add("ac-color-" + element.color.toLowerCase());
        }
        if (element.wrap === false) {
          node.classList.add("ac-nowrap");
        }
        acMarkdown(element.text || "", node);
        break;
      case "RichTextBlock":
        // Text runs are literal: Adaptive Cards render no Markdown in them.
        node = el("div", "ac-text ac-size-default");
        (element.inlines || []).forEach(function (run) {
          var span = el("span", null, typeof run === "string" ? run : run.text || "");
          if (run.isSubtle) {
            span.classList.add("ac-subtle");
          }
          node.appendChild(span);
        });
        break;
      case "Container":
        node = el("div", "ac-container");
        if (element.style) {
          node.classList.add("ac-style-" + element.style.toLowerCase());
        }
        (element.items || []).forEach(function (item) {
          node.appendChild(acElement(item));
        });
        if (element.selectAction) {
          acSelectable(node, element.selectAction);
        }
        break;
      case "ColumnSet":
        node = el("div", "ac-columnset");
        (element.columns || []).forEach(function (column) {
          var col = el("div", "ac-column");
          var width = column.width;
          col.style.flex = typeof width === "number" ? String(width) : width === "auto" ? "0 0 auto" : "1";
          (column.items || []).forEach(function (item) {
            col.appendChild(acElement(item));
          });
          node.appendChild(col);
        });
        break;
      case "ActionSet":
        node = el("div", "ac-actionset");
        node.setAttribute("role", "group");
        (element.actions || []).forEach(function (action) {
          node.appendChild(acButton(action));
        });
        if ((element.actions || []).some(function (a) { return a.data && a.data.action === "feedback"; })) {
          node.setAttribute("aria-label", "Was this helpful?");
          node.classList.add("feedback-buttons");
        }
        break;
      case "FactSet":
        node = el("dl", "ac-factset");
        (element.facts || []).forEach(function (fact) {
          var title = el("dt");
          acMarkdown(fact.title || "", title);
          var value = el("dd");
          acMarkdown(fact.value || "", value);
          node.appendChild(title);
          node.appendChild(value);
        });
        break;
      case "Table":
        node = acTable(element);
        break;
      default:
        node = el("div", "unsupported", "(a " + element.type + " element, which the playground does not draw)");
    }
    acSpacing(node, element);
    return node;
  }

  function acTable(element) {
    var wrap = el("div", "ac-table-wrap");
    var table = el("table", "ac-table");
    if (element.showGridLines !== false) {
      table.classList.add("ac-grid");
    }
    if (element.gridStyle) {
      table.classList.add("ac-grid-" + element.gridStyle.toLowerCase());
    }
    var rows = element.rows || [];
    var headerRow = element.firstRowAsHeader !== false && rows.length > 0;
    rows.forEach(function (row, r) {
      var section;
      if (r === 0 && headerRow) {
        section = table.appendChild(el("thead"));
      } else {
        section = table.querySelector("tbody") || table.appendChild(el("tbody"));
      }
      var tr = section.appendChild(el("tr"));
      (row.cells || []).forEach(function (cell) {
        var td = el(r === 0 && headerRow ? "th" : "td");
        if (r === 0 && headerRow) {
          td.setAttribute("scope", "col");
        }
        (cell.items || []).forEach(function (item) {
          td.appendChild(acElement(item));
        });
        tr.appendChild(td);
      });
    });
    wrap.appendChild(table);
    return wrap;
  }

  function acButton(action) {
    var button = el("button", "ac-button", action.title || "");
    button.type = "button";
    if (action.type !== "Action.Submit") {
      button.disabled = true;
      button.title = action.type + " is not drawn by the playground";
      return button;
    }
    button.addEventListener("click", function () {
      teamsSubmit(action.data || {});
    });
    return button;
  }

  // A container with a selectAction is one big button (how Teams shows the topic rows).
  function acSelectable(node, action) {
    node.classList.add("ac-selectable");
    node.setAttribute("role", "button");
    node.setAttribute("tabindex", "0");
    node.setAttribute("aria-label", action.title || "Open");
    node.addEventListener("click", function () {
      teamsSubmit(action.data || {});
    });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        teamsSubmit(action.data || {});
      }
    });
  }

  function renderTeams(card, container) {
    clear(container);
    (card.body || []).forEach(function (element) {
      container.appendChild(acElement(element));
    });
    (card.actions || []).forEach(function (action) {
      container.appendChild(acButton(action));
    });
  }

  function teamsSubmit(data) {
    if (data.action === "open" && data.intent) {
      openSection(data.intent, { focus: true });
    } else if (data.action === "feedback" && data.intent) {
      sendFeedback(data.intent, data.helpful === true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Talking to the server

  var busy = false;
  var current = null; // the answer on show

  function request(method, path, body) {
    var options = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(API + path, options).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.json().catch(function () {
        return {};
      }).then(function (json) {
        if (!response.ok) {
          var error = new Error(json && json.message ? json.message : "the server answered " + response.status);
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }

  function setBusy(on) {
    busy = on;
    byId("ask-button").disabled = on;
    byId("topics-button").disabled = on;
    byId("answer").setAttribute("aria-busy", on ? "true" : "false");
    document.body.classList.toggle("busy", on);
  }

  function showError(message) {
    var box = byId("ask-error");
    box.textContent = message;
    box.hidden = !message;
  }

  // Runs one request for an answer at a time, then shows the answer or says what went wrong.
  function load(fetchAnswer, options) {
    if (busy) {
      return;
    }
    setBusy(true);
    showError("");
    fetchAnswer()
      .then(function (answer) {
        show(answer, options);
      })
      .catch(function (error) {
        var reason = error && error.status ? error.message : "the server did not answer (is it still running?)";
        showError("Could not get an answer: " + reason);
      })
      .then(function () {
        setBusy(false);
      });
  }

  // This tab's conversation with the bot: a follow-up ("and sagemaker?", "shorter") is read after
  // the answer before it. Random and kept for the tab's session only.
  var conversation = (function () {
    var key = "genai-pitch-conversation";
    try {
      var kept = window.sessionStorage.getItem(key);
      if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) {
        return kept;
      }
    } catch (e) {
      // storage off: a conversation for this page only
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var made = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    try {
      window.sessionStorage.setItem(key, made);
    } catch (e) {
      // as above
    }
    return made;
  })();

  function ask(question, options) {
    load(function () {
      return request("POST", "ask", { question: question, conversation: conversation });
    }, Object.assign({ history: "q=" + encodeURIComponent(question) }, options));
  }

  function openSection(id, options) {
    load(function () {
      return request("GET", "open?id=" + encodeURIComponent(id) + "&conversation=" + conversation);
    }, Object.assign({ history: "open=" + encodeURIComponent(id) }, options));
  }

  function sendFeedback(intent, helpful) {
    request("POST", "feedback", { intent: intent, helpful: helpful })
      .then(function () {
        document.querySelectorAll(".feedback-buttons button").forEach(function (button) {
          button.disabled = true;
        });
        var thanks = "Thanks for the feedback: it counts in the report for “" + (current ? current.title : intent) + "”.";
        note("slack-note", thanks);
        note("teams-note", thanks);
      })
      .catch(function (error) {
        showError("Could not record the feedback: " + (error.message || "the server did not answer"));
      });
  }

  function note(id, text) {
    var box = byId(id);
    box.textContent = text;
  }

  // ---------------------------------------------------------------------------------------------
  // Showing an answer

  var KIND_LABELS = {
    section: "Section",
    help: "The topic menu",
    none: "Not in the script"
  };

  function show(answer, options) {
    current = answer;
    options = options || {};
    byId("empty").hidden = true;
    byId("answer").hidden = false;

    byId("answer-title").textContent = answer.title;
    var meta = byId("answer-meta");
    clear(meta);
    var kind = el("span", "badge badge-" + answer.kind, KIND_LABELS[answer.kind] || answer.kind);
    meta.appendChild(kind);
    if (answer.kind === "section") {
      meta.appendChild(el("code", "intent", answer.intent));
    }
    if (answer.brief) {
      // The section's short form: its whole text is the "The whole section" button below.
      meta.appendChild(el("span", "badge badge-brief", "In brief"));
    }
    if (answer.question && answer.kind === "none") {
      // The score of "not in the script" is the matcher's doubt about every topic, not a
      // confidence in an answer: say what happened instead.
      meta.appendChild(el("span", "score", "no topic of the script matched"));
      if (answer.reported) {
        meta.appendChild(el("span", "hint",
          "Not answered: the question shows up in the report for the content owners."));
      }
    } else if (answer.question) {
      var percent = Math.round(answer.score * 100);
      meta.appendChild(el("span", "score", "confidence " + percent + "%"));
      if (answer.reported) {
        meta.appendChild(el("span", "hint", answer.kind === "none"
          ? "Not answered: the question shows up in the report for the content owners."
          : "Low confidence: the question shows up in the report for the content owners."));
      }
    } else {
      meta.appendChild(el("span", "score", "opened by a button"));
    }

    renderSlack(answer.slack, byId("slack-blocks"));
    renderTeams(answer.teams, byId("teams-card"));
    byId("slack-json").textContent = JSON.stringify(answer.slack, null, 2);
    byId("teams-json").textContent = JSON.stringify(answer.teams, null, 2);
    note("slack-note", "");
    note("teams-note", "");

    var userBox = byId("teams-user");
    userBox.hidden = !answer.question;
    byId("teams-question").textContent = answer.question || "";

    byId("status").textContent = "Answer: " + answer.title + ". " + (KIND_LABELS[answer.kind] || "");
    document.title = answer.title + " · genai-pitch playground";

    if (options.history && !options.fromHistory) {
      var url = "?" + options.history;
      if (location.search !== url) {
        history.pushState(null, "", url);
      }
    }
    if (options.focus) {
      byId("answer-title").focus();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The page's own controls

  function fromLocation() {
    var params = new URLSearchParams(location.search);
    var question = params.get("q");
    var id = params.get("open");
    if (question) {
      byId("question").value = question;
      ask(question, { fromHistory: true });
    } else if (id) {
      openSection(id, { fromHistory: true });
    } else {
      byId("answer").hidden = true;
      byId("empty").hidden = false;
      document.title = "genai-pitch playground";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Practice: the bot plays the customer, the visitor answers, the bot grades

  // The visitor's id for their rounds, kept for this tab's session only.
  function practiceRep() {
    var key = "genai-pitch-practice-rep";
    var rep = null;
    try {
      rep = sessionStorage.getItem(key);
    } catch (e) {
      rep = null;
    }
    if (!rep || !/^[A-Za-z0-9_-]{8,64}$/.test(rep)) {
      rep = window.crypto && crypto.randomUUID
        ? crypto.randomUUID()
        : "v" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
      try {
        sessionStorage.setItem(key, rep);
      } catch (e) {
        // Without storage the rounds last as long as the page.
      }
    }
    return rep;
  }

  var rep = null;
  var GRADE_LABELS = { strong: "Strong", partial: "Partial", off: "Off" };
  var MISTAKES = {
    swapped: "you said it of the other service",
    negated: "you negated it",
    contradicted: "you said something the script contradicts"
  };

  function practice(step, extra) {
    var body = Object.assign({ rep: rep }, extra || {});
    byId("practice-error").hidden = true;
    return request("POST", "practice/" + step, body).catch(function (error) {
      var box = byId("practice-error");
      box.textContent = error.message || "The server did not answer.";
      box.hidden = false;
      throw error;
    });
  }

  function showQuestion(q) {
    byId("practice-question").hidden = false;
    byId("practice-result").hidden = true;
    byId("practice-script").hidden = true;
    byId("practice-question-title").textContent =
      "Practice: " + q.title + (q.attempt > 1 ? " (try " + q.attempt + ")" : "");
    byId("practice-prompt").textContent = "“" + q.prompt + "”";
    var answer = byId("practice-answer");
    answer.value = "";
    answer.disabled = false;
    byId("practice-submit").disabled = false;
    byId("practice-status").textContent = "The customer asks: " + q.prompt;
    answer.focus();
  }

  function lineList(title, lines, mark) {
    var box = el("div", "practice-lines");
    box.appendChild(el("h4", null, title));
    var list = el("ul");
    lines.forEach(function (line) {
      var item = el("li", "practice-line " + mark);
      item.appendChild(el("span", "mark", mark === "carried" ? "✓ " : "✗ "));
      item.appendChild(document.createTextNode(line.script));
      if (line.mistake && MISTAKES[line.mistake]) {
        item.appendChild(el("em", "mistake", " (" + MISTAKES[line.mistake] + ")"));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function showGrade(g) {
    byId("practice-answer").disabled = true;
    byId("practice-submit").disabled = true;
    var result = byId("practice-result");
    result.hidden = false;
    var total = g.carried.length + g.missed.length;
    var grade = byId("practice-grade");
    grade.className = "practice-grade grade-" + g.grade;
    grade.textContent = (GRADE_LABELS[g.grade] || g.grade) + ": " + g.carried.length + " of " +
      total + " key points carried.";
    var lines = byId("practice-lines");
    clear(lines);
    if (g.carried.length) {
      lines.appendChild(lineList("Carried", g.carried, "carried"));
    }
    if (g.missed.length) {
      lines.appendChild(lineList("Missed, in the script’s words", g.missed, "missed"));
    }
    var actions = byId("practice-actions");
    clear(actions);
    g.choices.forEach(function (choice, i) {
      var label = choice === "again" ? "Try again"
        : choice === "next" ? "Next question" + (g.next && g.next.title ? ": " + g.next.title : "")
        : "Show the script’s answer";
      var button = el("button", "button" + (i === 0 ? " primary" : ""), label);
      button.type = "button";
      button.setAttribute("data-choice", choice);
      button.addEventListener("click", function () {
        practiceChoice(choice);
      });
      actions.appendChild(button);
    });
    byId("practice-status").textContent = grade.textContent;
    grade.focus();
  }

  function showScript(a) {
    var box = byId("practice-script");
    clear(box);
    box.appendChild(el("h4", null, "The script’s answer (" + a.title + ")"));
    var quote = el("blockquote");
    a.lines.forEach(function (line) {
      quote.appendChild(el("p", null, line));
    });
    box.appendChild(quote);
    box.hidden = false;
  }

  function practiceChoice(choice) {
    if (choice === "script") {
      practice("script").then(showScript, function () {});
    } else {
      practice(choice).then(showQuestion, function () {});
    }
  }

  function selectTab(practiceTab) {
    byId("tab-ask").setAttribute("aria-selected", practiceTab ? "false" : "true");
    byId("tab-practice").setAttribute("aria-selected", practiceTab ? "true" : "false");
    byId("tab-ask").tabIndex = practiceTab ? -1 : 0;
    byId("tab-practice").tabIndex = practiceTab ? 0 : -1;
    byId("ask-view").hidden = practiceTab;
    byId("practice-view").hidden = !practiceTab;
  }

  function startPractice() {
    rep = practiceRep();
    byId("tab-ask").addEventListener("click", function () {
      selectTab(false);
    });
    byId("tab-practice").addEventListener("click", function () {
      selectTab(true);
    });
    byId("practice-start").addEventListener("click", function () {
      practice("start").then(showQuestion, function () {});
    });
    byId("practice-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = byId("practice-answer").value;
      if (!answer.trim()) {
        var box = byId("practice-error");
        box.textContent = "Type your answer first.";
        box.hidden = false;
        return;
      }
      practice("answer", { answer: answer }).then(showGrade, function () {});
    });
  }

  function start() {
    startPractice();
    var form = byId("ask-form");
    var input = byId("question");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = input.value.trim();
      if (!question) {
        showError("Type a question first, or open the Topics.");
        input.focus();
        return;
      }
      ask(question);
    });
    byId("topics-button").addEventListener("click", function () {
      openSection("help", { focus: true });
    });
    document.querySelectorAll(".chip").forEach(function (chip) {
      chip.addEventListener("click", function () {
        input.value = chip.getAttribute("data-question");
        ask(input.value);
      });
    });
    window.addEventListener("popstate", fromLocation);
    fromLocation();
    document.body.classList.add("ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
