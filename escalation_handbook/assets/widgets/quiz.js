/* Quiz: a form built from the quiz's JSON, scored in the browser; the reader's best score is kept
 * in localStorage and shown wherever the quiz is listed. Progress displays never mark themselves
 * ready, so they refresh on every document switch. */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var uid = Handbook.uid;
  var safeHref = Handbook.safeHref;
  var link = Handbook.link;
  var setHtml = Handbook.setHtml;
  var hideStatic = Handbook.hideStatic;
  var liveRegion = Handbook.liveRegion;
  var announce = Handbook.announce;
  var readData = Handbook.readData;
  var todayIso = Handbook.todayIso;
  var format = Handbook.format;

  /* --------------------------------------------------------------- quiz widget */

  var QUIZ_STATUS = ".hb-quiz-status[data-quiz]";
  var QUIZ_BEST = ".hb-quiz-best[data-quiz]";

  function siteScope() {
    var base = ".";
    var config = document.querySelector("script#__config");
    if (config) {
      try {
        var parsed = JSON.parse(config.textContent);
        if (parsed && typeof parsed.base === "string") {
          base = parsed.base || ".";
        }
      } catch (e) {
        /* keep "." */
      }
    }
    try {
      return new URL(base, location.href).pathname;
    } catch (e) {
      return location.pathname;
    }
  }

  function storageKey(quizId) {
    return "handbook:quiz:" + siteScope() + ":" + quizId;
  }

  function loadProgress(quizId) {
    try {
      var raw = window.localStorage.getItem(storageKey(quizId));
      if (!raw) {
        return null;
      }
      var value = JSON.parse(raw);
      if (value && typeof value.best === "number") {
        return value;
      }
    } catch (e) {
      /* storage unavailable or corrupt */
    }
    return null;
  }

  function saveProgress(quizId, pct, passed) {
    var prev = loadProgress(quizId);
    var record = {
      best: prev ? Math.max(prev.best, pct) : pct,
      passed: Boolean((prev && prev.passed) || passed),
      last: pct,
      at: todayIso(),
    };
    try {
      window.localStorage.setItem(storageKey(quizId), JSON.stringify(record));
    } catch (e) {
      /* storage unavailable: progress just isn't kept */
    }
    return record;
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  function Quiz(container, data) {
    this.container = container;
    this.data = data;
    this.text = data.text;
    this.id = str(data.id);
    this.questions = (data.questions || []).filter(function (q) {
      return q && Array.isArray(q.choices) && q.choices.length;
    });
    this.passMark = Number(data.pass_mark);
    if (!(this.passMark >= 0)) {
      this.passMark = 100;
    }
    this.build();
  }

  /* One of the render stage's sentences (quizzes.QUIZ_TEXT), its slots filled in. */
  Quiz.prototype.t = function (key, values) {
    return format(this.text[key], values || {});
  };

  Quiz.prototype.build = function () {
    var self = this;
    var ui = el("div", { className: "hb-quiz-ui hb-widget" });
    var form = el("form", { className: "hb-quiz-form", novalidate: true });
    if (this.data.title) {
      form.setAttribute("aria-label", this.t("form_label", { title: this.data.title }));
    }
    var n = this.questions.length;
    form.appendChild(el("p", { className: "hb-quiz-intro" },
      this.t(n === 1 ? "intro_one" : "intro_many", { n: n, pass_mark: this.passMark })));
    this.items = [];
    this.questions.forEach(function (q, qi) {
      var kind = str(q.kind) === "multiple" ? "multiple" : str(q.kind) === "truefalse" ? "truefalse" : "single";
      var fieldset = el("fieldset", { className: "hb-q hb-q-" + kind, "data-question": str(q.id) });
      var legend = el("legend", { className: "hb-q-legend" });
      legend.appendChild(el("span", { className: "hb-q-number" }, (qi + 1) + ". "));
      legend.appendChild(document.createTextNode(str(q.question)));
      fieldset.appendChild(legend);
      var described = [];
      if (kind === "multiple") {
        var hintId = uid("hint");
        fieldset.appendChild(el("p", { className: "hb-q-hint", id: hintId }, self.t("select_all")));
        described.push(hintId);
      }
      // Said when the reader submits without answering this question (see score).
      var missingId = uid("missing");
      var missing = el("p", { className: "hb-q-missing", id: missingId }, self.t("question_unanswered"));
      missing.hidden = true;
      fieldset.appendChild(missing);
      described.push(missingId);
      fieldset.setAttribute("aria-describedby", described.join(" "));
      var list = el("div", { className: "hb-choices" });
      var name = uid("q");
      var choiceEls = q.choices.map(function (c, ci) {
        var inputId = name + "-" + ci;
        var row = el("div", { className: "hb-choice", "data-choice": str(c.id) });
        var input = el("input", { type: kind === "multiple" ? "checkbox" : "radio", name: name, id: inputId, value: String(ci) });
        row.appendChild(input);
        row.appendChild(el("label", { for: inputId }, str(c.text)));
        list.appendChild(row);
        return { row: row, input: input, choice: c };
      });
      fieldset.appendChild(list);
      var feedback = el("div", { className: "hb-q-feedback" });
      feedback.hidden = true;
      fieldset.appendChild(feedback);
      form.appendChild(fieldset);
      var item = { q: q, number: qi + 1, kind: kind, fieldset: fieldset, list: list, choices: choiceEls,
        feedback: feedback, missing: missing };
      list.addEventListener("change", function () {
        if (self.answered(item)) {
          self.markMissing(item, false);
        }
      });
      self.items.push(item);
    });

    var actions = el("div", { className: "hb-quiz-actions" });
    this.submitButton = el("button", { type: "submit", className: "hb-button hb-button-primary hb-quiz-submit" }, this.t("submit"));
    this.retryButton = el("button", { type: "button", className: "hb-button hb-quiz-retry" }, this.t("retry"));
    this.retryButton.hidden = true;
    actions.appendChild(this.submitButton);
    actions.appendChild(this.retryButton);
    form.appendChild(actions);
    // role=alert: read out at once when the reader submits with questions left unanswered
    this.unanswered = el("p", { className: "hb-quiz-unanswered", role: "alert" });
    this.unanswered.hidden = true;
    form.appendChild(this.unanswered);
    this.result = el("div", { className: "hb-quiz-result", tabindex: "-1" });
    this.result.hidden = true;
    form.appendChild(this.result);
    this.live = liveRegion();
    form.appendChild(this.live);
    ui.appendChild(form);
    this.form = form;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.retryButton.addEventListener("click", function () {
      self.retry();
    });

    hideStatic(this.container);
    this.container.appendChild(ui);
    this.container.classList.add("hb-js");
  };

  Quiz.prototype.answered = function (item) {
    return item.choices.some(function (c) {
      return c.input.checked;
    });
  };

  Quiz.prototype.markMissing = function (item, missing) {
    item.missing.hidden = !missing;
    item.fieldset.classList.toggle("hb-q-missing-answer", missing);
    if (!this.items.some(function (i) { return !i.missing.hidden; })) {
      this.unanswered.hidden = true;
      this.unanswered.textContent = "";
    }
  };

  /* Scoring reveals every answer, so a question left unanswered is asked for first. */
  Quiz.prototype.submit = function () {
    var self = this;
    var missing = this.items.filter(function (item) {
      return !self.answered(item);
    });
    if (!missing.length) {
      this.score();
      return;
    }
    this.items.forEach(function (item) {
      self.markMissing(item, missing.indexOf(item) >= 0);
    });
    var numbers = missing.map(function (item) {
      return item.number;
    }).join(", ");
    this.unanswered.textContent = this.t(missing.length === 1 ? "unanswered_one" : "unanswered_many",
      { numbers: numbers });
    this.unanswered.hidden = false;
    missing[0].choices[0].input.focus();
  };

  Quiz.prototype.explainBox = function (className, title, html) {
    var box = el("div", { className: className });
    box.appendChild(el("p", { className: className + "-title" }, title));
    box.appendChild(setHtml(el("div"), html));
    return box;
  };

  Quiz.prototype.score = function () {
    var self = this;
    var right = 0;
    this.items.forEach(function (item) {
      var chosenWrong = [];
      var ok = true;
      item.choices.forEach(function (c) {
        var correct = c.choice.correct === true;
        if (c.input.checked !== correct) {
          ok = false;
        }
        if (c.input.checked && !correct) {
          chosenWrong.push(c.choice);
        }
        c.row.classList.toggle("hb-choice-correct", correct);
        c.row.classList.toggle("hb-choice-wrong", c.input.checked && !correct);
        c.input.disabled = true;
        if (correct || c.input.checked) {
          var label = c.row.querySelector("label");
          label.appendChild(el("span", { className: "hb-choice-mark" },
            self.t(correct ? (c.input.checked ? "mark_correct_chosen" : "mark_correct") : "mark_wrong_chosen")));
        }
      });
      if (ok) {
        right += 1;
      }
      item.fieldset.classList.toggle("hb-q-right", ok);
      item.fieldset.classList.toggle("hb-q-wrong", !ok);
      var fb = item.feedback;
      fb.textContent = "";
      fb.appendChild(el("p", { className: "hb-q-verdict" }, self.t(ok ? "verdict_right" : "verdict_wrong")));
      var correctChoices = item.choices.filter(function (c) {
        return c.choice.correct === true;
      }).map(function (c) {
        return c.choice;
      });
      if (!ok && correctChoices.length) {
        fb.appendChild(el("p", { className: "hb-q-correct-answer" },
          self.t(correctChoices.length > 1 ? "correct_answers" : "correct_answer", {
            text: correctChoices.map(function (c) { return str(c.text); }).join("; "),
          })));
      }
      // The author's word on the right answer, whatever the reader chose; then on each wrong
      // choice they made.
      correctChoices.forEach(function (choice) {
        if (choice.explain_html) {
          fb.appendChild(self.explainBox("hb-q-right-explain", self.t("why_right", { text: choice.text }),
            choice.explain_html));
        }
      });
      chosenWrong.forEach(function (choice) {
        if (choice.explain_html) {
          fb.appendChild(self.explainBox("hb-q-choice-explain", self.t("you_chose", { text: choice.text }),
            choice.explain_html));
        }
      });
      if (item.q.explain_html) {
        fb.appendChild(setHtml(el("div", { className: "hb-q-explain" }), item.q.explain_html));
      }
      if (item.q.playbook && safeHref(item.q.playbook.url)) {
        var pl = el("p", { className: "hb-q-playbook" });
        pl.appendChild(link(item.q.playbook.url,
          self.t("read_playbook", { title: str(item.q.playbook.title) || str(item.q.playbook.url) })));
        fb.appendChild(pl);
      }
      fb.hidden = false;
    });

    var total = this.items.length;
    var pct = total ? Math.round((right / total) * 100) : 0;
    var passed = pct >= this.passMark;
    var record = saveProgress(this.id, pct, passed);
    var values = { pct: pct, right: right, total: total, pass_mark: this.passMark, best: record.best };

    this.result.textContent = "";
    this.result.classList.toggle("hb-quiz-passed", passed);
    this.result.classList.toggle("hb-quiz-failed", !passed);
    this.result.appendChild(el("p", { className: "hb-quiz-score" },
      this.t(passed ? "score_passed" : "score_failed", values)));
    this.result.appendChild(el("p", { className: "hb-quiz-best-line" }, this.t("best_line", values)));
    this.result.hidden = false;
    this.submitButton.hidden = true;
    this.retryButton.hidden = false;
    this.form.classList.add("hb-quiz-scored");
    updateQuizDisplays();
    this.result.focus();
    announce(this.live, this.t(passed ? "announce_passed" : "announce_failed", values));
  };

  Quiz.prototype.retry = function () {
    var self = this;
    this.form.reset();
    this.form.classList.remove("hb-quiz-scored");
    this.items.forEach(function (item) {
      item.fieldset.classList.remove("hb-q-right", "hb-q-wrong");
      self.markMissing(item, false);
      item.feedback.hidden = true;
      item.feedback.textContent = "";
      item.choices.forEach(function (c) {
        c.input.checked = false;
        c.input.disabled = false;
        c.row.classList.remove("hb-choice-correct", "hb-choice-wrong");
        Array.prototype.forEach.call(c.row.querySelectorAll(".hb-choice-mark"), function (m) {
          m.remove();
        });
      });
      if (item.kind !== "truefalse") {
        // True/False keep their order; everything else is shuffled (Fisher–Yates).
        item.choices = shuffle(item.choices.slice());
        item.choices.forEach(function (c) {
          item.list.appendChild(c.row);
        });
      }
    });
    this.result.hidden = true;
    this.result.textContent = "";
    this.submitButton.hidden = false;
    this.retryButton.hidden = true;
    var first = this.form.querySelector("input");
    if (first) {
      first.focus();
    }
    announce(this.live, this.t("reset"));
  };

  function initQuiz(container) {
    var id = container.getAttribute("data-quiz");
    var data = readData(container, "hb-quiz-", id, function (d) {
      return Array.isArray(d.questions) && Boolean(d.text) && typeof d.text === "object";
    });
    if (!data) {
      return;
    }
    container.setAttribute("data-hb-ready", "1");
    try {
      new Quiz(container, data); // eslint-disable-line no-new
    } catch (e) {
      if (window.console) {
        console.warn("handbook: quiz " + id + " failed", e);
      }
    }
  }

  /* ------------------------------------------------------ quiz status & best */

  /* The reader's progress in one of the node's own sentences (wording.QUIZ_*_TEXT, as
   * data-text-none|passed|failed attributes); a node without them is left as built. */
  function showProgress(node) {
    var progress = loadProgress(node.getAttribute("data-quiz"));
    var state = !progress ? "none" : progress.passed ? "passed" : "failed";
    var sentence = node.getAttribute("data-text-" + state);
    if (sentence === null) {
      return;
    }
    node.textContent = format(sentence, { best: progress ? progress.best : "" });
    node.classList.remove("hb-status-notstarted", "hb-status-passed", "hb-status-failed");
    node.classList.add(state === "none" ? "hb-status-notstarted" : "hb-status-" + state);
  }

  var showQuizStatus = showProgress; // where a quiz is listed (training index, playbook pages)
  var showQuizBest = showProgress; // on the quiz's own page

  function updateQuizDisplays() {
    Array.prototype.forEach.call(document.querySelectorAll(QUIZ_STATUS), showQuizStatus);
    Array.prototype.forEach.call(document.querySelectorAll(QUIZ_BEST), showQuizBest);
  }

  Handbook.register("quiz", ".hb-quiz[data-quiz]", initQuiz);
  Handbook.register("quiz-status", QUIZ_STATUS, showQuizStatus);
  Handbook.register("quiz-best", QUIZ_BEST, showQuizBest);
})(window.Handbook);
