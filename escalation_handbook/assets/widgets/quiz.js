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

  Quiz.prototype.build = function () {
    var self = this;
    var ui = el("div", { className: "hb-quiz-ui hb-widget" });
    var form = el("form", { className: "hb-quiz-form", novalidate: true });
    if (this.data.title) {
      form.setAttribute("aria-label", "Quiz: " + str(this.data.title));
    }
    form.appendChild(el("p", { className: "hb-quiz-intro" },
      this.questions.length + (this.questions.length === 1 ? " question" : " questions") + " · pass mark " + this.passMark + "%"));
    this.items = [];
    this.questions.forEach(function (q, qi) {
      var kind = str(q.kind) === "multiple" ? "multiple" : str(q.kind) === "truefalse" ? "truefalse" : "single";
      var fieldset = el("fieldset", { className: "hb-q hb-q-" + kind, "data-question": str(q.id) });
      var legend = el("legend", { className: "hb-q-legend" });
      legend.appendChild(el("span", { className: "hb-q-number" }, (qi + 1) + ". "));
      legend.appendChild(document.createTextNode(str(q.question)));
      fieldset.appendChild(legend);
      if (kind === "multiple") {
        var hintId = uid("hint");
        fieldset.appendChild(el("p", { className: "hb-q-hint", id: hintId }, "Select all that apply."));
        fieldset.setAttribute("aria-describedby", hintId);
      }
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
      self.items.push({ q: q, kind: kind, fieldset: fieldset, list: list, choices: choiceEls, feedback: feedback });
    });

    var actions = el("div", { className: "hb-quiz-actions" });
    this.submitButton = el("button", { type: "submit", className: "hb-button hb-button-primary hb-quiz-submit" }, "Submit answers");
    this.retryButton = el("button", { type: "button", className: "hb-button hb-quiz-retry" }, "Retry");
    this.retryButton.hidden = true;
    actions.appendChild(this.submitButton);
    actions.appendChild(this.retryButton);
    form.appendChild(actions);
    this.result = el("div", { className: "hb-quiz-result", tabindex: "-1" });
    this.result.hidden = true;
    form.appendChild(this.result);
    this.live = liveRegion();
    form.appendChild(this.live);
    ui.appendChild(form);
    this.form = form;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.score();
    });
    this.retryButton.addEventListener("click", function () {
      self.retry();
    });

    hideStatic(this.container);
    this.container.appendChild(ui);
    this.container.classList.add("hb-js");
  };

  Quiz.prototype.score = function () {
    var right = 0;
    this.items.forEach(function (item) {
      var chosenWrong = [];
      var anyChosen = false;
      var ok = true;
      item.choices.forEach(function (c) {
        var correct = c.choice.correct === true;
        if (c.input.checked) {
          anyChosen = true;
        }
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
            correct ? (c.input.checked ? " ✓ correct, your answer" : " ✓ correct") : " ✗ your answer"));
        }
      });
      if (ok) {
        right += 1;
      }
      item.fieldset.classList.toggle("hb-q-right", ok);
      item.fieldset.classList.toggle("hb-q-wrong", !ok);
      var fb = item.feedback;
      fb.textContent = "";
      fb.appendChild(el("p", { className: "hb-q-verdict" }, ok ? "Correct" : anyChosen ? "Not quite" : "Not answered"));
      if (!ok) {
        var correctTexts = item.choices.filter(function (c) {
          return c.choice.correct === true;
        }).map(function (c) {
          return str(c.choice.text);
        });
        if (correctTexts.length) {
          fb.appendChild(el("p", { className: "hb-q-correct-answer" },
            (correctTexts.length > 1 ? "Correct answers: " : "Correct answer: ") + correctTexts.join("; ")));
        }
      }
      chosenWrong.forEach(function (choice) {
        if (choice.explain_html) {
          var box = el("div", { className: "hb-q-choice-explain" });
          box.appendChild(el("p", { className: "hb-q-choice-explain-title" }, "You chose “" + str(choice.text) + "”:"));
          box.appendChild(setHtml(el("div"), choice.explain_html));
          fb.appendChild(box);
        }
      });
      if (item.q.explain_html) {
        fb.appendChild(setHtml(el("div", { className: "hb-q-explain" }), item.q.explain_html));
      }
      if (item.q.playbook && safeHref(item.q.playbook.url)) {
        var pl = el("p", { className: "hb-q-playbook" });
        pl.appendChild(link(item.q.playbook.url, "Read the playbook: " + (str(item.q.playbook.title) || str(item.q.playbook.url))));
        fb.appendChild(pl);
      }
      fb.hidden = false;
    });

    var total = this.items.length;
    var pct = total ? Math.round((right / total) * 100) : 0;
    var passed = pct >= this.passMark;
    var record = saveProgress(this.id, pct, passed);

    this.result.textContent = "";
    this.result.classList.toggle("hb-quiz-passed", passed);
    this.result.classList.toggle("hb-quiz-failed", !passed);
    var summary = "You scored " + pct + "% (" + right + " of " + total + " right). " +
      (passed ? "Passed" : "Not yet passed") + " — the pass mark is " + this.passMark + "%.";
    this.result.appendChild(el("p", { className: "hb-quiz-score" }, summary));
    this.result.appendChild(el("p", { className: "hb-quiz-best-line" }, "Your best score: " + record.best + "%."));
    this.result.hidden = false;
    this.submitButton.hidden = true;
    this.retryButton.hidden = false;
    this.form.classList.add("hb-quiz-scored");
    updateQuizDisplays();
    this.result.focus();
    announce(this.live, "You scored " + pct + "%. " + (passed ? "Passed." : "Not yet passed."));
  };

  Quiz.prototype.retry = function () {
    this.form.reset();
    this.form.classList.remove("hb-quiz-scored");
    this.items.forEach(function (item) {
      item.fieldset.classList.remove("hb-q-right", "hb-q-wrong");
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
    announce(this.live, "Quiz reset. The choices have been shuffled.");
  };

  function initQuiz(container) {
    var id = container.getAttribute("data-quiz");
    var data = readData(container, "hb-quiz-", id, function (d) {
      return Array.isArray(d.questions);
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

  /* Where a quiz is listed (training index, playbook pages): the reader's own progress. */
  function showQuizStatus(node) {
    var progress = loadProgress(node.getAttribute("data-quiz"));
    node.classList.remove("hb-status-notstarted", "hb-status-passed", "hb-status-failed");
    if (!progress) {
      node.textContent = "Not started";
      node.classList.add("hb-status-notstarted");
    } else if (progress.passed) {
      node.textContent = "Passed (best " + progress.best + "%)";
      node.classList.add("hb-status-passed");
    } else {
      node.textContent = "Not yet passed (best " + progress.best + "%)";
      node.classList.add("hb-status-failed");
    }
  }

  /* On the quiz's own page: the reader's best score so far. */
  function showQuizBest(node) {
    var progress = loadProgress(node.getAttribute("data-quiz"));
    if (!progress) {
      node.textContent = "You have not taken this quiz yet.";
    } else {
      node.textContent = "Your best score: " + progress.best + "% (" + (progress.passed ? "passed" : "not yet passed") + ")";
    }
  }

  function updateQuizDisplays() {
    Array.prototype.forEach.call(document.querySelectorAll(QUIZ_STATUS), showQuizStatus);
    Array.prototype.forEach.call(document.querySelectorAll(QUIZ_BEST), showQuizBest);
  }

  Handbook.register("quiz", ".hb-quiz[data-quiz]", initQuiz);
  Handbook.register("quiz-status", QUIZ_STATUS, showQuizStatus);
  Handbook.register("quiz-best", QUIZ_BEST, showQuizBest);
})(window.Handbook);
