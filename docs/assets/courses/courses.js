/* Palermo CLE courses: quiz graded in the browser, attendance codes, progress kept in localStorage,
   and the certificate of completion. Loaded as a file: the site's Content-Security-Policy forbids inline
   script, so there are no inline handlers here either. All text is inserted with textContent. */
(function () {
  "use strict";

  var STORE_PREFIX = "palermo-course:";

  // ---------- small helpers ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("cannot load " + url + " (" + response.status + ")");
      }
      return response.json();
    });
  }

  /* Credit hours to the nearest hundredth, halves up: the same integer arithmetic as
     palermo.courses.credits.credit_hours, so the page and the packet never disagree. */
  function creditHours(minutes, perHour) {
    return Math.floor((minutes * 200 + perHour) / (2 * perHour)) / 100;
  }

  function hoursText(value) {
    return value.toFixed(2);
  }

  // ---------- progress kept in the browser ----------

  function emptyState() {
    return { version: 1, modules: {}, codes: {} };
  }

  function loadState(courseId) {
    try {
      var raw = window.localStorage.getItem(STORE_PREFIX + courseId);
      if (!raw) {
        return emptyState();
      }
      var data = JSON.parse(raw);
      if (!data || typeof data !== "object" || data.version !== 1) {
        return emptyState();
      }
      data.modules = data.modules || {};
      data.codes = data.codes || {};
      return data;
    } catch (e) {
      return emptyState();
    }
  }

  function saveState(courseId, state) {
    try {
      window.localStorage.setItem(STORE_PREFIX + courseId, JSON.stringify(state));
      return true;
    } catch (e) {
      return false;
    }
  }

  function allCodes(course) {
    var codes = [];
    course.modules.forEach(function (m) {
      m.codes.forEach(function (c) {
        codes.push(c);
      });
    });
    return codes;
  }

  function summary(course, state) {
    var passed = course.modules.filter(function (m) {
      return state.modules[m.id] && state.modules[m.id].passed;
    });
    var codes = allCodes(course);
    var entered = codes.filter(function (c) {
      return Boolean(state.codes[c]);
    });
    return {
      passed: passed.length,
      modules: course.modules.length,
      entered: entered.length,
      codes: codes.length,
      complete: passed.length === course.modules.length && entered.length === codes.length
    };
  }

  function renderProgress(root, course, state) {
    var s = summary(course, state);
    var done = s.passed + s.entered;
    var total = s.modules + s.codes;
    document.querySelectorAll(".pl-progress__bar").forEach(function (bar) {
      bar.max = total;
      bar.value = done;
      bar.setAttribute("aria-valuetext", done + " of " + total + " steps");
    });
    document.querySelectorAll(".pl-progress__text").forEach(function (text) {
      text.textContent =
        s.passed + " of " + s.modules + " module quizzes passed, " + s.entered + " of " + s.codes +
        " attendance codes entered" + (s.complete ? " — course complete." : ".") + " Progress is kept in this browser only.";
    });
    document.querySelectorAll("[data-status-for]").forEach(function (cell) {
      var id = cell.getAttribute("data-status-for");
      var module = course.modules.filter(function (m) {
        return m.id === id;
      })[0];
      if (!module) {
        return;
      }
      var record = state.modules[id];
      var codesDone = module.codes.every(function (c) {
        return Boolean(state.codes[c]);
      });
      var parts = [];
      parts.push(record && record.passed ? "quiz passed (" + record.best + "%)" : record ? "quiz not yet passed (best " + record.best + "%)" : "quiz not taken");
      parts.push(codesDone ? "code entered" : "code missing");
      cell.textContent = parts.join(", ");
      cell.classList.toggle("pl-module-status--done", Boolean(record && record.passed && codesDone));
    });
  }

  // ---------- quiz ----------

  function sameSet(a, b) {
    if (a.length !== b.length) {
      return false;
    }
    var sortedA = a.slice().sort();
    var sortedB = b.slice().sort();
    return sortedA.every(function (v, i) {
      return v === sortedB[i];
    });
  }

  function basisNode(items, siteRoot) {
    var p = el("p", "pl-quiz__basis");
    p.appendChild(el("strong", null, "Rests on: "));
    items.forEach(function (item, i) {
      if (i > 0) {
        p.appendChild(document.createTextNode("; "));
      }
      if (item.case && item.linked) {
        var a = el("a", null, item.label);
        a.href = siteRoot + "cases/" + encodeURIComponent(item.case) + "/";
        p.appendChild(a);
      } else {
        p.appendChild(document.createTextNode(item.label));
      }
    });
    return p;
  }

  function buildQuiz(container, root, course, module, state) {
    container.textContent = "";
    var siteRoot = root.getAttribute("data-site-root") || "";
    var form = el("form", "pl-quiz__form");
    form.noValidate = true;
    var intro = el(
      "p",
      "pl-quiz__intro",
      module.questions.length + " questions. Pass mark: " + course.passing_score + "% correct. You can retry as often as you like."
    );
    form.appendChild(intro);
    module.questions.forEach(function (q, qi) {
      var fs = el("fieldset", "pl-question");
      fs.setAttribute("data-question", q.id);
      var legend = el("legend", "pl-question__prompt", qi + 1 + ". " + q.prompt);
      fs.appendChild(legend);
      if (q.kind === "multiple" && q.prompt.indexOf("Select all") === -1) {
        fs.appendChild(el("p", "pl-meta", "Select all that apply."));
      }
      q.choices.forEach(function (choice, ci) {
        var id = "pl-q-" + module.id + "-" + q.id + "-" + ci;
        var row = el("div", "pl-choice");
        var input = el("input");
        input.type = q.kind === "multiple" ? "checkbox" : "radio";
        input.name = "q-" + q.id;
        input.value = String(ci);
        input.id = id;
        var label = el("label", null, choice);
        label.htmlFor = id;
        row.appendChild(input);
        row.appendChild(label);
        fs.appendChild(row);
      });
      fs.appendChild(el("div", "pl-question__feedback"));
      form.appendChild(fs);
    });
    var actions = el("p", "pl-quiz__actions");
    var submit = el("button", "md-button md-button--primary pl-quiz__submit", "Check answers");
    submit.type = "submit";
    var retry = el("button", "md-button pl-quiz__retry", "Try again");
    retry.type = "button";
    retry.hidden = true;
    actions.appendChild(submit);
    actions.appendChild(retry);
    form.appendChild(actions);
    var result = el("p", "pl-quiz__result");
    result.setAttribute("role", "status");
    form.appendChild(result);
    container.appendChild(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var correctCount = 0;
      module.questions.forEach(function (q) {
        var fs = form.querySelector('[data-question="' + q.id + '"]');
        var chosen = [];
        fs.querySelectorAll("input").forEach(function (input) {
          if (input.checked) {
            chosen.push(Number(input.value));
          }
          input.disabled = true;
        });
        var ok = sameSet(chosen, q.correct);
        if (ok) {
          correctCount += 1;
        }
        var feedback = fs.querySelector(".pl-question__feedback");
        feedback.textContent = "";
        fs.classList.toggle("pl-question--right", ok);
        fs.classList.toggle("pl-question--wrong", !ok);
        feedback.appendChild(el("p", "pl-question__verdict", ok ? "Correct." : chosen.length ? "Not quite." : "Not answered."));
        feedback.appendChild(el("p", "pl-question__explanation", q.explanation));
        feedback.appendChild(basisNode(q.basis, siteRoot));
      });
      var score = Math.round((correctCount / module.questions.length) * 100);
      var passed = score >= course.passing_score;
      var record = state.modules[module.id] || { passed: false, best: 0 };
      record.best = Math.max(record.best || 0, score);
      record.passed = Boolean(record.passed || passed);
      state.modules[module.id] = record;
      var saved = saveState(course.id, state);
      result.textContent =
        correctCount + " of " + module.questions.length + " correct (" + score + "%). " +
        (passed ? "Passed." : "Not passed: " + course.passing_score + "% needed. Read the explanations and try again.") +
        (saved ? "" : " Your browser did not let us save progress.");
      result.className = "pl-quiz__result " + (passed ? "pl-quiz__result--pass" : "pl-quiz__result--fail");
      submit.hidden = true;
      retry.hidden = false;
      renderProgress(root, course, state);
    });

    retry.addEventListener("click", function () {
      buildQuiz(container, root, course, module, state);
      var first = container.querySelector("input");
      if (first) {
        first.focus();
      }
    });
  }

  // ---------- attendance codes ----------

  function setupAttendance(box, root, course, module, state) {
    var form = box.querySelector(".pl-attendance__form");
    var input = box.querySelector(".pl-attendance__input");
    var status = box.querySelector(".pl-attendance__status");
    function show() {
      var missing = module.codes.filter(function (c) {
        return !state.codes[c];
      });
      status.textContent = missing.length
        ? module.codes.length - missing.length + " of " + module.codes.length + " code(s) for this module entered."
        : "All attendance codes for this module are recorded.";
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = (input.value || "").trim().toUpperCase();
      if (!value) {
        status.textContent = "Type the code shown in the module.";
        return;
      }
      if (module.codes.indexOf(value) === -1) {
        status.textContent = "That is not an attendance code of this module. Check the code shown in the module text.";
        return;
      }
      state.codes[value] = new Date().toISOString();
      saveState(course.id, state);
      input.value = "";
      show();
      renderProgress(root, course, state);
    });
    show();
  }

  // ---------- certificate ----------

  function fill(cert, field, text) {
    cert.querySelectorAll('[data-field="' + field + '"]').forEach(function (node) {
      node.textContent = text;
    });
  }

  function setupCertificate(root, course, rules, state) {
    var form = document.querySelector(".pl-cert-form");
    var select = document.getElementById("pl-cert-state");
    var dateInput = document.getElementById("pl-cert-date");
    var refusal = document.querySelector(".pl-cert-refusal");
    var cert = document.querySelector(".pl-certificate");
    if (!form || !select || !cert || !refusal) {
      return;
    }
    rules.states.forEach(function (rule) {
      var option = el("option", null, rule.name + " (" + rule.minutes_per_credit_hour + "-minute credit hour)");
      option.value = rule.state;
      select.appendChild(option);
    });
    if (dateInput && !dateInput.value) {
      var now = new Date();
      var pad = function (n) {
        return (n < 10 ? "0" : "") + n;
      };
      dateInput.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }

    function refuse(lines) {
      cert.hidden = true;
      refusal.textContent = "";
      refusal.appendChild(el("p", "admonition-title", "No certificate yet"));
      lines.forEach(function (line) {
        refusal.appendChild(el("p", null, line));
      });
      refusal.hidden = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state = loadState(course.id);
      var missingModules = course.modules.filter(function (m) {
        return !(state.modules[m.id] && state.modules[m.id].passed);
      });
      var missingCodes = [];
      course.modules.forEach(function (m) {
        m.codes.forEach(function (c) {
          if (!state.codes[c]) {
            missingCodes.push(m.title);
          }
        });
      });
      var lines = [];
      if (missingModules.length) {
        lines.push(
          "Quizzes not yet passed: " + missingModules.map(function (m) { return m.title; }).join("; ") + "."
        );
      }
      if (missingCodes.length) {
        lines.push("Attendance codes not yet entered for: " + missingCodes.join("; ") + ".");
      }
      var name = form.elements.name.value.trim();
      var bar = form.elements.bar.value.trim();
      var stateCode = select.value;
      var date = dateInput ? dateInput.value : "";
      if (!name || !bar || !stateCode || !date) {
        lines.push("Fill in your name, bar number, state and date.");
      }
      if (lines.length) {
        refuse(lines);
        return;
      }
      var rule = rules.states.filter(function (r) {
        return r.state === stateCode;
      })[0];
      var per = rule.minutes_per_credit_hour;
      refusal.hidden = true;
      fill(cert, "name", name);
      fill(cert, "bar", bar);
      fill(cert, "state", rule.name);
      fill(cert, "course", course.title);
      fill(cert, "date", date);
      fill(cert, "minutes", course.total_minutes + " minutes (" + course.ethics_minutes + " minutes of ethics)");
      fill(cert, "hours", hoursText(creditHours(course.total_minutes, per)));
      fill(cert, "ethics", hoursText(creditHours(course.ethics_minutes, per)));
      fill(
        cert,
        "rule",
        rule.name + ": one credit hour is " + per + " minutes of instruction" + (rule.rule ? ". Rule: " + rule.rule : "") + "."
      );
      fill(cert, "codes", allCodes(course).join(", "));
      fill(
        cert,
        "review",
        course.review.done
          ? "Legal content reviewed on " + course.review.date + " by " + course.review.reviewer + "."
          : "The course's legal content has not yet been reviewed by a qualified lawyer."
      );
      cert.hidden = false;
      cert.scrollIntoView({ block: "start" });
    });
  }

  // ---------- print buttons ----------

  function setupPrint() {
    document.querySelectorAll("[data-pl-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // ---------- start ----------

  function start() {
    setupPrint();
    var root = document.getElementById("pl-course");
    if (!root) {
      return;
    }
    var courseId = root.getAttribute("data-course");
    var page = root.getAttribute("data-page");
    var state = loadState(courseId);
    var wants = [getJSON(root.getAttribute("data-course-json"))];
    if (page === "certificate") {
      wants.push(getJSON(root.getAttribute("data-credit-json")));
    }
    Promise.all(wants)
      .then(function (loaded) {
        var course = loaded[0];
        renderProgress(root, course, state);
        if (page === "module") {
          var moduleId = root.getAttribute("data-module");
          var module = course.modules.filter(function (m) {
            return m.id === moduleId;
          })[0];
          if (!module) {
            return;
          }
          var quiz = document.querySelector(".pl-quiz");
          if (quiz) {
            buildQuiz(quiz, root, course, module, state);
          }
          var attendance = document.querySelector(".pl-attendance");
          if (attendance) {
            setupAttendance(attendance, root, course, module, state);
          }
        } else if (page === "certificate") {
          setupCertificate(root, course, loaded[1], state);
        }
        root.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        document.querySelectorAll(".pl-progress__text").forEach(function (text) {
          text.textContent = "The course data could not be loaded (" + error.message + "). Serve the site over http to take the course.";
        });
        root.setAttribute("data-ready", "error");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
