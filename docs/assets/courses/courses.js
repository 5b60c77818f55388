/* Palermo CLE courses. Two modes, chosen by asking the page's own server for the provider API:
   - served by the provider service (palermo cle serve): attendance is recorded by heartbeats while the
     module is visible, attendance codes come from the server once their minute is reached, quizzes are
     graded by the server and the certificate is issued by it;
   - opened as a plain static site: a reader and a list of self-check questions, with no certificate.
   Nothing here or in course.json knows an answer or an attendance code. Loaded as a file: the site's
   Content-Security-Policy forbids inline script. All text is inserted with textContent. */
(function () {
  "use strict";

  var SERVICE = "palermo-cle";

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

  function minutesText(seconds, secondsPerMinute) {
    return Math.floor(seconds / secondsPerMinute) + " min";
  }

  function setProgress(text, done, total) {
    document.querySelectorAll(".pl-progress__bar").forEach(function (bar) {
      bar.max = Math.max(total, 1);
      bar.value = done;
      bar.setAttribute("aria-valuetext", done + " of " + total + " modules complete");
    });
    document.querySelectorAll(".pl-progress__text").forEach(function (node) {
      node.textContent = text;
    });
  }

  // ---------- the provider API ----------

  function Api(root, courseId) {
    this.base = (root.getAttribute("data-site-root") || "/") + "api/cle/" + encodeURIComponent(courseId) + "/";
    this.csrf = "";
  }

  Api.prototype.call = function (path, body) {
    var options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = this.csrf;
      options.body = JSON.stringify(body);
    }
    return fetch(this.base + path, options).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            return { status: response.status, ok: response.ok, data: data || {} };
          });
      },
      function () {
        return { status: 0, ok: false, data: { detail: "The provider service cannot be reached; try again in a moment." } };
      }
    );
  };

  function detailText(result) {
    var detail = result.data && result.data.detail;
    if (typeof detail === "string") {
      return detail;
    }
    if (Array.isArray(detail) && detail.length) {
      return detail
        .map(function (d) {
          return d.msg || String(d);
        })
        .join("; ");
    }
    return "The provider service answered " + result.status + ".";
  }

  // ---------- static mode: a reader and a self-check ----------

  function staticQuiz(container, course, module) {
    container.textContent = "";
    container.appendChild(
      el(
        "p",
        "pl-quiz__intro",
        module.questions.length + " questions for self-study. Answers are checked, and credit earned, only through the provider service " +
          "(" + course.provider + ")."
      )
    );
    var list = el("ol", "pl-quiz__list");
    module.questions.forEach(function (q) {
      var item = el("li", "pl-question");
      item.appendChild(el("p", "pl-question__prompt", q.prompt));
      var options = el("ul");
      q.choices.forEach(function (choice) {
        options.appendChild(el("li", null, choice));
      });
      item.appendChild(options);
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function staticMode(root, course, page, notEnrolled) {
    var enrolUrl = (root.getAttribute("data-site-root") || "") + "enrol?course=" + encodeURIComponent(course.id);
    setProgress(
      notEnrolled
        ? "You are not enrolled with the provider on this browser: enrol (or open your private enrolment link) to record attendance and earn credit."
        : "Credit for this course is earned only through the provider service; this copy of the site is a reader and a self-check.",
      0,
      course.modules.length
    );
    if (notEnrolled) {
      document.querySelectorAll(".pl-progress").forEach(function (box) {
        var p = el("p", "pl-progress__enrol");
        var a = el("a", null, "Enrol in this course");
        a.href = enrolUrl;
        p.appendChild(a);
        box.appendChild(p);
      });
    }
    if (page === "module") {
      var module = course.modules.filter(function (m) {
        return m.id === root.getAttribute("data-module");
      })[0];
      var quiz = document.querySelector(".pl-quiz");
      if (module && quiz) {
        staticQuiz(quiz, course, module);
      }
      var attendance = document.querySelector(".pl-attendance");
      if (attendance) {
        var form = attendance.querySelector(".pl-attendance__form");
        if (form) {
          form.hidden = true;
        }
        attendance.querySelector(".pl-attendance__status").textContent =
          "Attendance is recorded only by the provider service, which shows each enrolled learner their own codes.";
      }
    }
  }

  // ---------- service mode ----------

  function moduleStatus(m) {
    var parts = [];
    parts.push(m.time_done ? "time done" : "time " + Math.floor((100 * m.active_seconds) / Math.max(m.required_seconds, 1)) + "%");
    parts.push(m.codes_done ? "codes entered" : "codes missing");
    parts.push(m.quiz.passed ? "quiz passed (" + m.quiz.best + "%)" : m.quiz.attempts_used ? "quiz not passed" : "quiz not taken");
    return parts.join(", ");
  }

  function renderOverview(me) {
    var done = me.modules.filter(function (m) {
      return m.complete;
    }).length;
    setProgress(
      done + " of " + me.modules.length + " modules complete (time, attendance codes and quiz), as recorded by the provider" +
        (me.certificate ? "; certificate " + me.certificate.id + " issued." : "."),
      done,
      me.modules.length
    );
    me.modules.forEach(function (m) {
      var cell = document.querySelector('[data-status-for="' + m.id + '"]');
      if (cell) {
        cell.textContent = moduleStatus(m);
        cell.classList.toggle("pl-module-status--done", m.complete);
      }
    });
  }

  function renderModuleState(state, spm) {
    var time = document.querySelector(".pl-attendance__time");
    if (time) {
      time.textContent = state.time_done
        ? "Time on this module recorded: " + minutesText(state.active_seconds, spm) + " (enough)."
        : "Time on this module recorded: " + minutesText(state.active_seconds, spm) + " of the " +
          minutesText(state.required_seconds, spm) + " needed. Time counts only while this page is open and visible.";
    }
    state.codes.forEach(function (c) {
      var box = document.querySelector('.pl-attendance-code[data-point="' + c.point + '"] .pl-attendance-code__value');
      if (box) {
        box.textContent = c.code ? c.code : "appears here after minute " + c.at_minute + " of the module (time on this page).";
      }
    });
    var status = document.querySelector(".pl-attendance__status");
    if (status && !status.getAttribute("data-message")) {
      var entered = state.codes.filter(function (c) {
        return c.entered;
      }).length;
      status.textContent = state.codes_done
        ? "All attendance codes for this module are recorded."
        : entered + " of " + state.codes.length + " code(s) for this module entered.";
    }
  }

  function feedbackNode(items) {
    var box = el("div", "pl-quiz__feedback");
    items.forEach(function (f) {
      var item = el("div", "pl-question " + (f.right ? "pl-question--right" : "pl-question--wrong"));
      item.appendChild(el("p", "pl-question__prompt", f.prompt));
      item.appendChild(el("p", "pl-question__verdict", (f.right ? "Correct. " : "Not correct. ") + "Answer: " + f.answer.join("; ")));
      item.appendChild(el("p", "pl-question__explanation", f.explanation));
      if (f.basis && f.basis.length) {
        item.appendChild(el("p", "pl-quiz__basis", "Rests on: " + f.basis.join("; ")));
      }
      box.appendChild(item);
    });
    return box;
  }

  function serviceQuiz(container, api, course, moduleId, state, onState) {
    container.textContent = "";
    var quiz = state.quiz;
    var intro = el(
      "p",
      "pl-quiz__intro",
      "Pass mark: " + course.passing_score + "% correct. Attempts used: " + quiz.attempts_used + " of " + quiz.attempts_allowed + "."
    );
    container.appendChild(intro);
    var result = el("p", "pl-quiz__result");
    result.setAttribute("role", "status");
    if (quiz.passed) {
      result.textContent = "Quiz passed (" + quiz.best + "%).";
      result.className = "pl-quiz__result pl-quiz__result--pass";
      container.appendChild(result);
      return;
    }
    var start = el("button", "md-button md-button--primary pl-quiz__start", quiz.attempts_used ? "Try again" : "Start the quiz");
    start.type = "button";
    container.appendChild(start);
    container.appendChild(result);
    if (quiz.exhausted) {
      start.hidden = true;
      result.textContent = "No attempts left at this quiz. Contact the provider.";
    }
    start.addEventListener("click", function () {
      api.call("modules/" + encodeURIComponent(moduleId) + "/quiz", {}).then(function (res) {
        if (!res.ok) {
          result.textContent = detailText(res);
          result.className = "pl-quiz__result pl-quiz__result--fail";
          return;
        }
        start.hidden = true;
        result.textContent = "";
        buildAttempt(container, api, course, moduleId, res.data, result, onState);
      });
    });
  }

  function buildAttempt(container, api, course, moduleId, attempt, result, onState) {
    var form = el("form", "pl-quiz__form");
    form.noValidate = true;
    attempt.questions.forEach(function (q, qi) {
      var fs = el("fieldset", "pl-question");
      fs.setAttribute("data-question", q.id);
      fs.appendChild(el("legend", "pl-question__prompt", qi + 1 + ". " + q.prompt));
      if (q.kind === "multiple" && q.prompt.indexOf("Select all") === -1) {
        fs.appendChild(el("p", "pl-meta", "Select all that apply."));
      }
      q.choices.forEach(function (choice, ci) {
        var id = "pl-q-" + moduleId + "-" + q.id + "-" + ci;
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
      form.appendChild(fs);
    });
    var actions = el("p", "pl-quiz__actions");
    var submit = el("button", "md-button md-button--primary pl-quiz__submit", "Submit answers");
    submit.type = "submit";
    actions.appendChild(submit);
    form.appendChild(actions);
    container.insertBefore(form, result);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = {};
      attempt.questions.forEach(function (q) {
        var chosen = [];
        form.querySelectorAll('[data-question="' + q.id + '"] input').forEach(function (input) {
          if (input.checked) {
            chosen.push(Number(input.value));
          }
        });
        answers[q.id] = chosen;
      });
      submit.disabled = true;
      api.call("modules/" + encodeURIComponent(moduleId) + "/quiz/" + encodeURIComponent(attempt.attempt), { answers: answers }).then(function (res) {
        if (!res.ok) {
          submit.disabled = false;
          result.textContent = detailText(res);
          result.className = "pl-quiz__result pl-quiz__result--fail";
          return;
        }
        var r = res.data;
        form.remove();
        onState(r.module);
        result.textContent =
          r.correct + " of " + r.total + " correct (" + r.score + "%). " +
          (r.passed
            ? "Passed."
            : "Not passed: " + course.passing_score + "% needed. " +
              (r.attempts_left > 0 ? r.attempts_left + " attempt(s) left; the next one opens at " + r.next_attempt_at + "." : "No attempts left."));
        result.className = "pl-quiz__result " + (r.passed ? "pl-quiz__result--pass" : "pl-quiz__result--fail");
        if (r.feedback) {
          container.appendChild(feedbackNode(r.feedback));
        }
      });
    });
  }

  function serviceModule(root, api, course, me, moduleId) {
    var spm = me.seconds_per_minute;
    var quiz = document.querySelector(".pl-quiz");
    var attendance = document.querySelector(".pl-attendance");
    var status = attendance ? attendance.querySelector(".pl-attendance__status") : null;
    if (attendance) {
      attendance.insertBefore(el("p", "pl-attendance__time"), attendance.firstChild);
    }
    var current = null;
    function onState(state) {
      current = state;
      renderModuleState(state, spm);
    }
    return api.call("modules/" + encodeURIComponent(moduleId) + "/open", {}).then(function (res) {
      if (!res.ok) {
        setProgress(detailText(res), 0, course.modules.length);
        return;
      }
      var visit = res.data.visit;
      onState(res.data.module);
      if (quiz) {
        serviceQuiz(quiz, api, course, moduleId, res.data.module, onState);
      }
      var beat = function () {
        if (document.visibilityState !== "visible") {
          return;
        }
        api.call("modules/" + encodeURIComponent(moduleId) + "/heartbeat", { visit: visit }).then(function (r) {
          if (r.ok) {
            onState(r.data.module);
          }
        });
      };
      window.setInterval(beat, Math.max(50, res.data.heartbeat_seconds * 1000));
      if (attendance) {
        var form = attendance.querySelector(".pl-attendance__form");
        var input = attendance.querySelector(".pl-attendance__input");
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var value = (input.value || "").trim();
          if (!value) {
            status.textContent = "Type the code shown in the module.";
            return;
          }
          api.call("modules/" + encodeURIComponent(moduleId) + "/codes", { code: value }).then(function (r) {
            if (r.ok) {
              input.value = "";
              status.removeAttribute("data-message");
              onState(r.data.module);
            } else {
              status.setAttribute("data-message", "1");
              status.textContent = detailText(r);
            }
          });
        });
        input.addEventListener("input", function () {
          status.removeAttribute("data-message");
        });
      }
      root.setAttribute("data-visit", visit);
      return current;
    });
  }

  function fill(cert, field, text) {
    cert.querySelectorAll('[data-field="' + field + '"]').forEach(function (node) {
      node.textContent = text;
    });
  }

  function showCertificate(cert) {
    var box = document.querySelector(".pl-certificate");
    if (!box) {
      return;
    }
    fill(box, "name", cert.name);
    fill(box, "bar", cert.bar_number);
    fill(box, "state", cert.jurisdiction_name);
    fill(box, "course", cert.course_title);
    fill(box, "date", cert.completed_on);
    fill(box, "provider", cert.provider);
    fill(box, "approval", cert.approval_text);
    fill(box, "minutes", cert.total_minutes + " minutes (" + cert.ethics_minutes + " minutes of ethics)");
    fill(box, "hours", cert.credits_text);
    fill(box, "ethics", cert.ethics_text);
    fill(box, "rule", cert.rule_text);
    fill(box, "verify-id", cert.id);
    fill(box, "verify-url", cert.verify_url);
    box.querySelectorAll('[data-field="verify-url"]').forEach(function (a) {
      a.href = cert.verify_url;
    });
    fill(box, "review", cert.review);
    box.hidden = false;
  }

  function serviceCertificate(api, me) {
    var request = document.querySelector(".pl-cert-request");
    var refusal = document.querySelector(".pl-cert-refusal");
    var staticNote = document.querySelector(".pl-cert-static");
    if (staticNote) {
      staticNote.hidden = true;
    }
    if (me.certificate) {
      showCertificate(me.certificate);
      return;
    }
    if (!request || !refusal) {
      return;
    }
    request.hidden = false;
    request.querySelector(".pl-cert-make").addEventListener("click", function () {
      api.call("certificate", {}).then(function (res) {
        if (res.ok) {
          refusal.hidden = true;
          request.hidden = true;
          showCertificate(res.data.certificate);
          return;
        }
        refusal.textContent = "";
        refusal.appendChild(el("p", "admonition-title", "No certificate yet"));
        refusal.appendChild(el("p", null, detailText(res)));
        (res.data.missing || []).forEach(function (line) {
          refusal.appendChild(el("p", null, line));
        });
        refusal.hidden = false;
      });
    });
  }

  function serviceMode(root, api, course, page, me) {
    api.csrf = me.csrf;
    renderOverview(me);
    if (page === "module") {
      return serviceModule(root, api, course, me, root.getAttribute("data-module"));
    }
    if (page === "certificate") {
      serviceCertificate(api, me);
    }
    return Promise.resolve();
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
    var api = new Api(root, courseId);
    var probe = api.call("me").catch(function () {
      return { status: 0, ok: false, data: {} };
    });
    Promise.all([getJSON(root.getAttribute("data-course-json")), probe])
      .then(function (loaded) {
        var course = loaded[0];
        var me = loaded[1];
        var isService = me.data && me.data.service === SERVICE;
        root.setAttribute("data-mode", isService ? (me.ok ? "service" : "not-enrolled") : "static");
        if (isService && me.ok) {
          return serviceMode(root, api, course, page, me.data);
        }
        staticMode(root, course, page, isService);
        return null;
      })
      .then(function () {
        root.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        document.querySelectorAll(".pl-progress__text").forEach(function (text) {
          text.textContent = "The course data could not be loaded (" + error.message + "). Serve the site over http to read the course.";
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
