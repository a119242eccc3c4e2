// The page's script: it only sends files and shows what the server's core functions return.
"use strict";

const $ = (id) => document.getElementById(id);
const OFFLINE = "无法连接到本机的 shuzhi 程序：启动窗口可能已关闭。请重新启动后刷新本页。";

class ServerError extends Error {
  constructor(message, confirm) { super(message); this.confirm = confirm; }
}

async function api(path, body) {
  let response;
  try {
    response = await fetch(path, { method: "POST", body: body === undefined ? null : body });
  } catch (_) {
    throw new ServerError(OFFLINE, false);
  }
  return answer(response);
}

async function answer(response) {
  let data;
  try {
    data = await response.json();
  } catch (_) {
    throw new ServerError(OFFLINE, false);
  }
  if (!response.ok) throw new ServerError(data.error || OFFLINE, Boolean(data.confirm));
  return data;
}

async function status(job) {
  try {
    return await answer(await fetch(`api/jobs/${job}/status`));
  } catch (error) {
    if (error instanceof ServerError) throw error;
    throw new ServerError(OFFLINE, false);
  }
}

async function newJob() {
  return (await api("api/jobs")).job;
}

async function upload(job, role, file, name) {
  const query = `role=${role}&name=${encodeURIComponent(name || file.name)}`;
  await api(`api/jobs/${job}/files?${query}&size=${file.size}`);  // limits first: a refused file is never sent
  return api(`api/jobs/${job}/files?${query}`, file);
}

// --- showing things -------------------------------------------------------------------------------------

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function say(prefix, text) {
  $(`${prefix}-status`).textContent = text;
}

function fail(prefix, error) {
  say(prefix, "");
  const box = $(`${prefix}-error`);
  box.textContent = `错误：${error.message}`;
  box.hidden = false;
}

function clear(prefix) {
  const box = $(`${prefix}-error`);
  box.hidden = true;
  box.textContent = "";
  const status = $(`${prefix}-status`);
  if (status) status.textContent = "";
}

function addFiles(list, files, start) {
  for (const file of files) {
    const item = element("li");
    const link = element("a", `下载${file.label}：${file.name}`);
    link.href = file.url;
    link.download = file.name;
    item.append(link);
    list.append(item);
  }
  if (start && files.length) list.lastElementChild.querySelector("a").click();
}

// --- 检查与生成 ----------------------------------------------------------------------------------------

let checkJob = null;

// What a file dropped on 检查与生成 is: rules, the list `shuzhi check --ignore` keeps beside a workbook, or the workbook.
function checkRole(name) {
  const lower = name.toLowerCase();
  return lower.endsWith(".toml") ? "rules" : lower.endsWith(".忽略.txt") ? "ignore" : "workbook";
}

async function runCheck(files) {
  clear("check");
  $("check-result").hidden = true;
  if (!files.length) return;
  try {
    say("check", "正在上传……");
    checkJob = await newJob();
    for (const file of files) {
      await upload(checkJob, checkRole(file.name), file);
    }
    say("check", "正在检查……");
    showFindings(await api(`api/jobs/${checkJob}/check`));
    say("check", "");
  } catch (error) {
    fail("check", error);
  }
}

function showFindings(result) {
  $("check-summary").textContent = result.summary;
  const counts = $("check-counts");
  counts.replaceChildren();
  // proofreading's warnings are labelled 疑似 (a suspicion) in the rows: say how many of the warnings they are
  const suspected = result.groups.flatMap((group) => group.findings).filter((f) => f.label === "疑似").length;
  for (const [severity, label] of [["error", "错误"], ["warning", "警告"], ["info", "提示"]]) {
    const among = severity === "warning" && suspected ? `（含疑似 ${suspected}）` : "";
    const item = element("li", `${label} ${result.counts[severity]}${among}`, severity);
    item.dataset.severity = severity;
    item.dataset.count = result.counts[severity];
    counts.append(item);
  }
  $("check-ignored").textContent = result.ignored;
  $("check-ignored").hidden = !result.ignored;
  $("check-rules").textContent = result.rules;
  $("report-pdf").disabled = !result.pdf;
  $("pdf-hint").hidden = result.pdf || result.document;
  $("report-docx").hidden = $("report-pdf").hidden = result.document;  // a Word or text report is only proofread
  $("annotate").hidden = !result.annotate;
  $("check-files").replaceChildren();
  $("check-warning").hidden = true;
  const box = $("check-findings");
  box.replaceChildren();
  if (!result.groups.length) box.append(element("p", "没有发现问题。", "summary"));
  for (const group of result.groups) {
    box.append(element("h3", `【${group.sheet}】`));
    const table = element("table", undefined, "findings");
    const head = element("tr");
    for (const title of [result.document ? "段落" : "单元格", "级别", "问题", "建议"]) head.append(element("th", title));
    table.append(head);
    for (const finding of group.findings) {
      const row = element("tr", undefined, finding.severity);
      row.append(element("td", finding.cell || "—"), element("td", finding.label),
                 element("td", `${finding.message}（${finding.code}）`), element("td", finding.suggestion));
      table.append(row);
    }
    box.append(table);
  }
  $("check-result").hidden = false;
}

async function makeReport(pdf) {
  clear("check");
  const path = `api/jobs/${checkJob}/report?pdf=${pdf ? 1 : 0}`;
  let result;
  try {
    say("check", pdf ? "正在生成报告和 PDF……" : "正在生成报告……");
    try {
      result = await api(path);
    } catch (error) {
      if (!error.confirm) throw error;
      say("check", "");
      if (!window.confirm(error.message)) return;
      result = await api(`${path}&force=1`);
    }
    say("check", result.note);
    const warning = $("check-warning");
    warning.textContent = result.warning;
    warning.hidden = !result.warning;
    addFiles($("check-files"), result.files, true);
  } catch (error) {
    fail("check", error);
  }
}

async function makeAnnotated() {
  clear("check");
  try {
    say("check", "正在生成标注副本……");
    addFiles($("check-files"), (await api(`api/jobs/${checkJob}/annotate`)).files, true);
    say("check", "");
  } catch (error) {
    fail("check", error);
  }
}

// --- 导入往年报告 ---------------------------------------------------------------------------------------

async function runImport(files) {
  clear("import");
  $("import-result").hidden = true;
  if (!files.length) return;
  try {
    say("import", "正在导入……");
    const job = await newJob();
    await upload(job, "document", files[0]);
    const year = encodeURIComponent($("import-year").value.trim());
    const result = await api(`api/jobs/${job}/import?year=${year}`);
    $("import-line").textContent = result.line;
    $("import-files").replaceChildren();
    addFiles($("import-files"), result.files, false);
    const notes = $("import-notes");
    notes.replaceChildren(...result.notes.map((note) => element("li", note)));
    $("import-notes-title").hidden = !result.notes.length;
    $("import-result").hidden = false;
    say("import", "");
  } catch (error) {
    fail("import", error);
  }
}

// --- 汇总 ------------------------------------------------------------------------------------------------

let branchFiles = [];

function chooseBranches(files) {
  branchFiles = Array.from(files);
  $("branches-chosen").textContent = branchFiles.length ? `已选择 ${branchFiles.length} 个文件。` : "";
}

async function runConsolidation() {
  clear("consolidate");
  $("consolidate-result").hidden = true;
  const previous = $("previous-input").files[0];
  const rules = $("rules-input").files[0];
  const button = $("consolidate-start");
  const bar = $("consolidate-progress");
  if (!branchFiles.length) {
    fail("consolidate", new Error("请先选择各支部的填报工作簿（可多选），或一个 .zip 压缩包。"));
    return;
  }
  button.disabled = true;
  try {
    const job = await newJob();
    bar.hidden = false;
    bar.max = branchFiles.length;
    for (const [index, file] of branchFiles.entries()) {
      say("consolidate", `正在上传（${index + 1}/${branchFiles.length}）：${file.name}`);
      await upload(job, "branches", file, file.webkitRelativePath || file.name);
      bar.value = index + 1;
    }
    if (previous) await upload(job, "previous", previous);
    if (rules) await upload(job, "rules", rules);
    bar.value = 0;
    say("consolidate", "正在汇总……");
    let state = await api(`api/jobs/${job}/consolidate`);
    while (state.state === "running") {
      await new Promise((resolve) => setTimeout(resolve, 300));
      state = await status(job);
      if (state.total) {
        bar.max = state.total;
        bar.value = state.done;
        say("consolidate", `正在汇总（${state.done}/${state.total}）：${state.current}`);
      } else if (state.current) {
        say("consolidate", state.current);
      }
    }
    if (state.state === "failed") throw new ServerError(state.error, false);
    showSummary(state.result);
    say("consolidate", "汇总完成。");
  } catch (error) {
    fail("consolidate", error);
  } finally {
    button.disabled = false;
    bar.hidden = true;
  }
}

function showSummary(result) {
  $("consolidate-line").textContent = result.line;
  $("consolidate-rules").textContent = result.rules;
  $("consolidate-files").replaceChildren();
  addFiles($("consolidate-files"), result.files, false);
  const body = $("unreadable").querySelector("tbody");
  body.replaceChildren();
  for (const item of result.unreadable) {
    const row = element("tr");
    row.append(element("td", item.file), element("td", item.reason));
    body.append(row);
  }
  $("unreadable-block").hidden = !result.unreadable.length;
  $("consolidate-result").hidden = false;
}

// --- 模板 ------------------------------------------------------------------------------------------------

async function downloadTemplate(sample) {
  clear("template");
  try {
    const job = await newJob();
    addFiles($("template-files"), (await api(`api/jobs/${job}/template?sample=${sample ? 1 : 0}`)).files, true);
  } catch (error) {
    fail("template", error);
  }
}

// --- wiring ----------------------------------------------------------------------------------------------

function dropZone(zone, input, handle) {
  input.addEventListener("change", () => {
    handle(Array.from(input.files));
    input.value = "";
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    handle(Array.from(event.dataTransfer.files));
  });
}

function showPage() {
  const page = (location.hash || "#check").slice(1);
  const known = document.getElementById(`page-${page}`) ? page : "check";
  for (const section of document.querySelectorAll(".page")) section.hidden = section.id !== `page-${known}`;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("current", link.dataset.page === known);
}

document.addEventListener("DOMContentLoaded", () => {
  dropZone($("check-drop"), $("check-input"), runCheck);
  dropZone($("import-drop"), $("import-input"), runImport);
  dropZone($("branches-drop"), $("branches-input"), chooseBranches);
  $("branches-folder").addEventListener("change", (event) => chooseBranches(event.target.files));
  for (const name of ["previous", "rules"]) {
    $(`${name}-input`).addEventListener("change", (event) => {
      $(`${name}-chosen`).textContent = event.target.files.length ? event.target.files[0].name : "未选择";
    });
  }
  $("report-docx").addEventListener("click", () => makeReport(false));
  $("report-pdf").addEventListener("click", () => makeReport(true));
  $("annotate").addEventListener("click", makeAnnotated);
  $("consolidate-start").addEventListener("click", runConsolidation);
  $("template-blank").addEventListener("click", () => downloadTemplate(false));
  $("template-sample").addEventListener("click", () => downloadTemplate(true));
  window.addEventListener("hashchange", showPage);
  showPage();
});
