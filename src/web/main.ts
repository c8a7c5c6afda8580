/**
 * The page: wires the controls, the view, the charts and the two workers (training, and
 * metrics) together. Training never runs here, so the page stays responsive; this thread
 * only draws the latest frame the training worker sent, once per animation frame while
 * playing. Paused or stopped, it asks for a frame and draws only when something changed
 * (a control, a layer, a resize, a step), and otherwise does nothing at all.
 */
import 'uplot/dist/uPlot.min.css';
import type { AnyCheckpoint } from '../core/flow/checkpoint.js';
import type { ModelName } from '../core/flow/config.js';
import { createCharts } from './charts.js';
import { dataOfCheckpoint, givenForCheckpoint, modelOfCheckpoint, readCheckpointFile } from './checkpoint-bridge.js';
import { bindFlowTime } from './flow-time.js';
import { optionsOf, resolveModelRun } from './model-options.js';
import { buildPretrainedMenu, fetchPretrained } from './pretrained-menu.js';
import { conditionLabels, DEFAULT_DATA, describeSource, type DataSource } from './data-source.js';
import { buildDensityPicker } from './density-picker.js';
import { canvasToPng, downloadBlob, downloadJson } from './downloads.js';
import { composeExport } from './export-figure.js';
import { exportLines } from './export-lines.js';
import { bindFileDrop } from './file-drop.js';
import { bindShortcuts } from './keyboard.js';
import { bindIntro } from './intro.js';
import { buildLegend } from './legend.js';
import { defaultVisibility } from './layers.js';
import { buildOptionForm } from './option-form.js';
import { stageCaption } from './stage-caption.js';
import { DEFAULT_PACE, PACE_CHOICES, parsePace } from './pace.js';
import { createPaintPad } from './paint-pad.js';
import { decodePictures, PictureError } from './picture-decode.js';
import { baseOptions, describeSettings, isSettingsBase, type SettingsBase } from './presets.js';
import type { FrameData, FromMetricsWorker, FromWorker, MetricsRecord, ModelRun, RunInfo, StepPart, ToMetricsWorker, ToWorker } from './protocol.js';
import { decodeUrlState, encodeUrlState, type GivenOptions } from './url-state.js';
import { buildViewKey, velocitySubject } from './view-key.js';
import { createViewRenderer, shownPoints } from './view-renderer.js';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
}

const ui = {
  play: element<HTMLButtonElement>('play'),
  stepBoth: element<HTMLButtonElement>('step-both'),
  stepD: element<HTMLButtonElement>('step-d'),
  stepG: element<HTMLButtonElement>('step-g'),
  stepStage: element<HTMLButtonElement>('step-stage'),
  stageCaption: element('stage-caption'),
  reset: element<HTMLButtonElement>('reset'),
  speed: element<HTMLSelectElement>('speed'),
  iteration: element('iteration'),
  rate: element('rate'),
  fps: element('fps'),
  threads: element('threads'),
  view: element<HTMLCanvasElement>('view'),
  caption: element('view-caption'),
  dataStatus: element('data-status'),
  runStatus: element('run-status'),
  playStatus: element('play-status'),
  upload: element<HTMLInputElement>('upload'),
  drawOpen: element<HTMLButtonElement>('draw-open'),
  drawPanel: element('draw-panel'),
  drawCanvas: element<HTMLCanvasElement>('draw-canvas'),
  drawSize: element<HTMLInputElement>('draw-size'),
  drawLevel: element<HTMLInputElement>('draw-level'),
  drawClear: element<HTMLButtonElement>('draw-clear'),
  drawUse: element<HTMLButtonElement>('draw-use'),
  loadCheckpoint: element<HTMLInputElement>('load-checkpoint'),
  settings: element('settings-status'),
  dropOverlay: element('drop-overlay'),
  stepNote: element('step-note'),
  flowTime: element('flow-time'),
};

// ---- State -------------------------------------------------------------------------------
const fromHash = decodeUrlState(location.hash);
let given: GivenOptions = fromHash.given;
let data: DataSource = fromHash.data ?? DEFAULT_DATA;
/**
 * What the options the user did not set come from: the density's recommended settings (as
 * `gan2d train INPUT`), or a preset. `given` holds only the options set by hand or by a link,
 * and overrides the base one value at a time, as the CLI's flags do.
 */
let base: SettingsBase = fromHash.base;
/** The model trained: the GAN, or a flow (core/flow). */
let model: ModelName = fromHash.model;
const visible = defaultVisibility();
let condition: number | null = null;
let playing = false;
let runInfo: RunInfo | null = null;
let lastFrame: FrameData | null = null;
let runNumber = 0;
/** A loaded checkpoint waiting for the user to give its pictures again. */
let pendingCheckpoint: AnyCheckpoint | null = null;
/** The last quality scores of this run (modes, high quality, … for mixtures; a folder's pictures one by one too), for automation. */
let lastScores: MetricsRecord | null = null;

// ---- Status lines --------------------------------------------------------------------------
function say(target: HTMLElement, message: string, isError = false): void {
  target.textContent = message;
  target.classList.toggle('error', isError);
}

// ---- Workers -----------------------------------------------------------------------------
const trainer = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'gan2d-training' });
const metrics = new Worker(new URL('./metrics-worker.ts', import.meta.url), { type: 'module', name: 'gan2d-metrics' });
const toTrainer = (message: ToWorker, transfer: Transferable[] = []): void => trainer.postMessage(message, transfer);
const toMetrics = (message: ToMetricsWorker, transfer: Transferable[] = []): void => metrics.postMessage(message, transfer);

// ---- Views -------------------------------------------------------------------------------
const view = createViewRenderer(ui.view);
const charts = createCharts(element('loss-chart'), element('metrics-chart'), element('metrics-help'));
const legend = buildLegend(element<HTMLFieldSetElement>('legend'), visible, element('condition-filter'), element<HTMLSelectElement>('condition-select'));
const viewKey = buildViewKey(element('view-key'));
const form = buildOptionForm(element<HTMLFormElement>('options'));
const flowTime = bindFlowTime(element<HTMLInputElement>('flow-time-range'), element<HTMLOutputElement>('flow-time-value'), element<HTMLButtonElement>('flow-time-play'));
const picker = buildDensityPicker(element('builtins'), element<HTMLInputElement>('builtin-conditional'));
const pad = createPaintPad(ui.drawCanvas, {
  tool: () => ((document.querySelector('input[name="draw-tool"]:checked') as HTMLInputElement | null)?.value === 'eraser' ? 'eraser' : 'brush'),
  radius: () => Number(ui.drawSize.value) / 2 + 0.5,
  level: () => Number(ui.drawLevel.value),
});

// ---- Runs --------------------------------------------------------------------------------
/** The model and its options in use: the base's, then the ones given. */
function run(): ModelRun {
  return resolveModelRun(model, { ...baseOptions(base, data, model), ...given });
}

/** The form shows the options in use; the line above it says where they come from. */
function showOptions(): void {
  form.show(given, baseOptions(base, data, model), model);
  showSettingsLine();
}

/** The presets are GAN settings: a flow has its one recipe. */
const FLOW_PRESET_NOTE = "The presets are GAN settings: a flow trains with its own recommended recipe (the options below start from it).";

function showSettingsLine(): void {
  ui.settings.textContent = describeSettings(base, data, given, model);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
    button.setAttribute('aria-pressed', String(model === 'gan' && button.dataset.preset === base && Object.keys(given).length === 0));
    button.disabled = model === 'flow';
    if (model === 'flow') button.title = FLOW_PRESET_NOTE;
    else button.removeAttribute('title');
  }
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="model"]')) radio.checked = radio.value === model;
}

/** The page trains until paused unless "Stop after" was set (in the form, or by a link). */
function stopAfter(): number | null {
  return given.iterations === undefined ? null : run().config.iterations;
}

function writeHash(): void {
  const hash = encodeUrlState({ given, data, base, model });
  if (hash !== location.hash && !(hash === '#' && location.hash === '')) history.replaceState(null, '', hash === '#' ? location.pathname : hash);
}

/** Starts a run from fresh networks, or from a checkpoint. Keeps playing if it was. */
function startRun(checkpoint?: AnyCheckpoint): void {
  runNumber++;
  lastFrame = null;
  lastScores = null;
  frameRequested = false;
  writeHash();
  say(ui.playStatus, '');
  say(ui.runStatus, checkpoint ? `Continuing from iteration ${checkpoint.iteration.toLocaleString('en-US')}…` : 'Starting…');
  toTrainer({ type: 'start', ...run(), data, stopAfter: stopAfter(), checkpoint });
  toMetrics({ type: 'target', data, run: runNumber });
}

function onStarted(info: RunInfo): void {
  runInfo = info;
  view.setRun(info);
  charts.reset(info.kind, info.model);
  const labels = conditionLabels(data, info.conditions);
  legend.setConditions(labels);
  viewKey.setConditions(labels);
  viewKey.setModel(info.model);
  legend.setModel(info.model);
  if (info.model === 'gan') viewKey.setSurfaceScale(info.config.loss !== 'wgan-gp' && info.config.loss !== 'hinge');
  showModelControls(info.model);
  condition = null;
  ui.threads.textContent = String(info.threads);
  ui.threads.title = `${info.engine}${crossOriginIsolated ? '' : ' (not cross-origin isolated: one thread)'}`;
  ui.iteration.textContent = info.iteration.toLocaleString('en-US');
  ui.stageCaption.textContent = '';
  const kind = info.kind === 'mixture' ? 'mixture' : 'picture';
  ui.caption.textContent = info.model === 'flow'
    ? `${describeSource(data)} · ${kind} · flow matching, velocity ${info.config.hidden.join('-')}, ${info.config.odeSolver} × ${info.config.odeSteps} steps`
    : `${describeSource(data)} · ${kind} · G ${info.config.gHidden.join('-')}, D ${info.config.dHidden.join('-')}, ${info.config.loss}, ${info.config.optimizer}`;
  say(ui.runStatus, '');
  toTrainer({ type: 'speed', pace: parsePace(ui.speed.value) });
  toTrainer({ type: playing ? 'play' : 'pause' });
  askFrame();
}

function onFrame(frame: FrameData): void {
  frameRequested = false;
  // The surface is refreshed less often than the points: keep showing the last one meanwhile.
  if (frame.surface === null && visible.surface && lastFrame?.surface) frame.surface = lastFrame.surface;
  lastFrame = frame;
  askDraw();
  ui.iteration.textContent = frame.iteration.toLocaleString('en-US');
  ui.stageCaption.textContent = frame.stage ? stageCaption(frame.stage) : '';
  ui.rate.textContent = frame.playing ? Math.round(frame.iterationsPerSecond).toLocaleString('en-US') : '–';
  charts.addLosses(frame.losses);
  if (frame.evaluation) toMetrics({ type: 'score', sample: frame.evaluation, run: runNumber }, [frame.evaluation.points.buffer]);
  if (frame.stopped && playing) {
    // Said once, when it stops: it stays until Play, a new run or a newer message of its own.
    setPlaying(false, false);
    say(ui.playStatus, frame.stopped, frame.stopped.startsWith('A loss'));
  }
  // Ask for the next frame now: the worker sends it when it is due, and this thread draws
  // the latest at its next animation frame, so neither waits on the other.
  if (playing) requestFrame();
}

trainer.addEventListener('message', (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'started':
      onStarted(message.info);
      break;
    case 'frame':
      onFrame(message.frame);
      break;
    case 'checkpoint':
      downloadJson(message.checkpoint, 'checkpoint.json');
      say(ui.runStatus, 'Saved checkpoint.json: `gan2d train --resume` continues it.');
      break;
    case 'error':
      frameRequested = false;
      setPlaying(false, false);
      say(ui.runStatus, message.message, true);
      break;
  }
});
trainer.addEventListener('error', (event) => say(ui.runStatus, `The training worker failed: ${event.message}`, true));

metrics.addEventListener('message', (event: MessageEvent<FromMetricsWorker>) => {
  const message = event.data;
  if (message.type === 'error') {
    say(ui.runStatus, `Metrics: ${message.message}`, true);
    return;
  }
  if (message.run !== runNumber) return;
  if (message.type === 'floors') charts.setFloors(message.values);
  else {
    charts.addMetrics(message.record);
    viewKey.setConditionScores(message.record.conditions);
    lastScores = message.record;
  }
  wake(); // paused, the charts redraw at the next animation frame; playing, at their pace
});

// ---- The frame loop ----------------------------------------------------------------------
let frameRequested = false;
let needFrame = true;
let needDraw = true;
let animationQueued = false;
let framesDrawn = 0;
let measuredFps = 0;
const CHART_REDRAW_MS = 250;
let chartsFlushedAt = 0;
/** Moving averages of the main thread's work per frame, for the benchmark. */
let drawMilliseconds = 0;
let chartMilliseconds = 0;
let fpsWindowStart = performance.now();
/** Animation frames run and frames asked of the worker, for the tests: both stand still while paused. */
let animationFrames = 0;
let framesAsked = 0;

/** One animation frame soon; while playing, animate() keeps asking for the next. */
function wake(): void {
  if (animationQueued) return;
  animationQueued = true;
  requestAnimationFrame(animate);
}

/** Something the worker draws changed (a layer, a condition, a step): one new frame. */
function askFrame(): void {
  needFrame = true;
  wake();
}

/** Something only this thread draws changed (a frame came, the canvas resized): one redraw. */
function askDraw(): void {
  needDraw = true;
  wake();
}

function requestFrame(): void {
  if (frameRequested || !runInfo) return;
  frameRequested = true;
  needFrame = false;
  framesAsked++;
  toTrainer({
    type: 'frame',
    layers: { surface: visible.surface, gradients: visible.gradients, manifold: visible.manifold, velocity: visible.velocity, time: flowTime.time, condition },
  });
}

function animate(now: number): void {
  animationQueued = false;
  animationFrames++;
  if (playing || needFrame) requestFrame();
  if (needDraw) {
    needDraw = false;
    const began = performance.now();
    view.draw(lastFrame, visible, condition, flowTime.time);
    drawMilliseconds = 0.9 * drawMilliseconds + 0.1 * (performance.now() - began);
    framesDrawn++;
  }
  // Charts redraw a few times a second while playing (plenty for a line that grows, and
  // cheap); paused, at once. flush() does nothing when no point came.
  if (!playing || now - chartsFlushedAt >= CHART_REDRAW_MS) {
    chartsFlushedAt = now;
    const began = performance.now();
    charts.flush();
    chartMilliseconds = 0.9 * chartMilliseconds + 0.1 * (performance.now() - began);
  }
  if (!playing) return; // idle: the next change wakes it
  if (now - fpsWindowStart >= 1000) {
    measuredFps = (framesDrawn * 1000) / (now - fpsWindowStart);
    ui.fps.textContent = String(Math.round(measuredFps));
    framesDrawn = 0;
    fpsWindowStart = now;
  }
  wake();
}

// ---- Controls ----------------------------------------------------------------------------
/** `frameAfter`: ask for a frame showing the new state (not when the worker's last frame already does). */
function setPlaying(next: boolean, frameAfter = true): void {
  playing = next;
  ui.play.setAttribute('aria-pressed', String(playing));
  const label = ui.play.querySelector('.label');
  if (label) label.textContent = playing ? 'Pause' : 'Play';
  toTrainer({ type: playing ? 'play' : 'pause' });
  if (playing) {
    say(ui.playStatus, ''); // Play goes on past a stop: its notice has had its say
    framesDrawn = 0;
    fpsWindowStart = performance.now();
  } else {
    measuredFps = 0;
    ui.fps.textContent = '–';
  }
  if (frameAfter || playing) askFrame();
}

/** Why the GAN-only steps are off for a flow, in words (their buttons' titles and the note under the controls). */
const FLOW_STEP_NOTE = 'Step D, Step G and Step in stages are the GAN\'s: a flow trains one network, one step per iteration (Step).';
const GAN_STEP_TITLES = new Map([ui.stepD, ui.stepG, ui.stepStage].map((button) => [button, button.title]));

/** The controls of the run's model: the GAN-only steps off for a flow, with the reason; its time slider on. */
function showModelControls(runModel: ModelName): void {
  for (const [button, title] of GAN_STEP_TITLES) {
    button.disabled = runModel === 'flow';
    button.title = runModel === 'flow' ? FLOW_STEP_NOTE : title;
  }
  ui.stepNote.hidden = runModel !== 'flow';
  ui.stepNote.textContent = runModel === 'flow' ? FLOW_STEP_NOTE : '';
  ui.flowTime.hidden = runModel !== 'flow';
  ui.stepBoth.title = runModel === 'flow' ? 'One iteration: one step of the velocity network (S)' : 'One iteration: D steps then G steps (S)';
}

function step(part: StepPart | 'stage'): void {
  if (runInfo?.model === 'flow' && part !== 'both') {
    say(ui.playStatus, FLOW_STEP_NOTE);
    return;
  }
  if (playing) setPlaying(false);
  say(ui.playStatus, '');
  toTrainer(part === 'stage' ? { type: 'stage' } : { type: 'step', part });
  askFrame();
}

ui.play.addEventListener('click', () => setPlaying(!playing));
ui.stepBoth.addEventListener('click', () => step('both'));
ui.stepD.addEventListener('click', () => step('d'));
ui.stepG.addEventListener('click', () => step('g'));
ui.stepStage.addEventListener('click', () => step('stage'));
ui.reset.addEventListener('click', () => startRun());
ui.speed.addEventListener('change', () => toTrainer({ type: 'speed', pace: parsePace(ui.speed.value) }));

bindShortcuts({
  ' ': () => setPlaying(!playing),
  s: () => step('both'),
  d: () => step('d'),
  g: () => step('g'),
  t: () => step('stage'),
  r: () => startRun(),
});

legend.onToggle((id, on) => {
  visible[id] = on;
  askDraw();
  askFrame(); // the worker computes the surface, arrows and manifold only when shown
});
legend.onCondition((value) => {
  condition = value;
  viewKey.setShownCondition(value);
  askDraw();
  askFrame();
});

const FREE_KEYS = new Set(['iterations', 'displayInterval', 'threads']);
form.onChange((next, changed) => {
  given = next;
  showSettingsLine();
  if (FREE_KEYS.has(changed) && changed !== 'threads') {
    writeHash();
    toTrainer({ type: 'free-options', stopAfter: stopAfter(), displayInterval: run().config.displayInterval });
    return;
  }
  startRun();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
  button.addEventListener('click', () => {
    const preset = button.dataset.preset ?? '';
    if (!isSettingsBase(preset) || model === 'flow') return;
    // A preset sets every option: the ones set by hand go.
    base = preset;
    given = {};
    showOptions();
    startRun();
  });
}

// A switch of model keeps the options both models have (seed, batch size, …) and starts a new run.
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="model"]')) {
  radio.addEventListener('change', () => {
    if (!radio.checked || (radio.value !== 'gan' && radio.value !== 'flow') || radio.value === model) return;
    model = radio.value;
    given = optionsOf(model, given);
    showOptions();
    startRun();
  });
}

flowTime.onChange(() => {
  askDraw(); // the points at t are read off the last frame's trajectories
  askFrame(); // the velocity field at t comes from the worker
});

// ---- Data --------------------------------------------------------------------------------
function useData(next: DataSource, checkpoint?: AnyCheckpoint): void {
  data = next;
  // The options follow the density's recommended settings (with "Recommended" chosen); those set by hand or by a link stay.
  showOptions();
  picker.select(next.kind === 'builtin' ? next.name : null, next.kind === 'builtin' && next.conditional);
  say(ui.dataStatus, `Training on ${describeSource(next)}.`);
  startRun(checkpoint);
}

picker.onPick((name, conditional) => useData({ kind: 'builtin', name, conditional }));

async function usePictures(files: File[]): Promise<void> {
  if (files.length === 0) return;
  try {
    const pictures = await decodePictures(files);
    const checkpoint = pendingCheckpoint ?? undefined;
    pendingCheckpoint = null;
    useData({ kind: 'pictures', ...pictures }, checkpoint);
  } catch (error) {
    say(ui.dataStatus, error instanceof PictureError ? error.message : `Could not read the pictures: ${String(error)}`, true);
  }
}

ui.upload.addEventListener('change', () => {
  void usePictures([...(ui.upload.files ?? [])]);
  ui.upload.value = '';
});

bindFileDrop(ui.dropOverlay, (files) => void usePictures(files));

ui.drawOpen.addEventListener('click', () => {
  const open = ui.drawPanel.hidden;
  ui.drawPanel.hidden = !open;
  ui.drawOpen.setAttribute('aria-expanded', String(open));
});
ui.drawClear.addEventListener('click', () => pad.clear());
ui.drawUse.addEventListener('click', () => {
  if (pad.isEmpty()) {
    say(ui.dataStatus, 'The drawing is empty: paint where the density should have mass.', true);
    return;
  }
  useData({ kind: 'drawn', grid: pad.grid() });
});

// ---- Run files ---------------------------------------------------------------------------
element<HTMLButtonElement>('save-checkpoint').addEventListener('click', () => toTrainer({ type: 'get-checkpoint' }));

/**
 * Continues `checkpoint` (a file loaded, or a pre-trained example): its options, then its data
 * when the page can rebuild it, else a request for its pictures.
 */
function continueFrom(fileName: string, checkpoint: AnyCheckpoint): void {
  const wanted = dataOfCheckpoint(checkpoint.target);
  model = modelOfCheckpoint(checkpoint);
  // Given over the settings base the data will have, so that the run resolves to the checkpoint's
  // config (an option at its default, as R1's weight 0, must still override a recommended 0.15).
  const next: DataSource = 'found' in wanted ? wanted.found : { kind: 'pictures', names: wanted.needsPictures, grids: [] };
  given = givenForCheckpoint(checkpoint, baseOptions(base, next, model));
  // The page trains on until paused: a CLI run's --iterations is no reason to stop here. With
  // --lr-decay it is kept, as the learning rates reach 0 there.
  if (checkpoint.config.lrDecay === 0) delete given.iterations;
  showOptions();
  if ('found' in wanted) {
    useData(wanted.found, checkpoint);
    return;
  }
  pendingCheckpoint = checkpoint;
  const pictures = wanted.needsPictures.length > 1 ? `its ${wanted.needsPictures.length} pictures (${wanted.needsPictures.join(', ')})` : wanted.needsPictures[0];
  say(ui.dataStatus, `${fileName} was trained on ${wanted.source}: upload ${pictures} to continue it.`, true);
}

ui.loadCheckpoint.addEventListener('change', async () => {
  const file = ui.loadCheckpoint.files?.[0];
  ui.loadCheckpoint.value = '';
  if (!file) return;
  let checkpoint: AnyCheckpoint;
  try {
    checkpoint = readCheckpointFile(file.name, await file.text());
  } catch (error) {
    say(ui.runStatus, error instanceof Error ? error.message : String(error), true);
    return;
  }
  continueFrom(file.name, checkpoint);
});

// An example opens paused, on the state it was saved in: the learner sees what it shows, then Play goes on from there.
buildPretrainedMenu(element('pretrained'), async (example) => {
  const fileName = `${example.name}.json.gz`;
  let checkpoint: AnyCheckpoint;
  try {
    checkpoint = readCheckpointFile(fileName, await fetchPretrained(example));
  } catch (error) {
    say(ui.runStatus, error instanceof Error ? error.message : String(error), true);
    return;
  }
  if (playing) setPlaying(false, false);
  continueFrom(fileName, checkpoint);
  say(ui.dataStatus, `${example.label}: ${example.caption}`);
});

element<HTMLButtonElement>('export-png').addEventListener('click', async () => {
  view.draw(lastFrame, visible, condition, flowTime.time);
  const iteration = lastFrame?.iteration ?? runInfo?.iteration ?? 0;
  const labels = runInfo ? conditionLabels(data, runInfo.conditions) : [];
  const blob = await canvasToPng(composeExport(ui.view, {
    title: `gan2d · ${describeSource(data)} · iteration ${iteration.toLocaleString('en-US')}`,
    lines: exportLines(charts.lossPoints().at(-1), lastScores?.values ?? null, runInfo?.kind ?? 'picture', runInfo?.model ?? 'gan'),
    conditions: labels,
    surface: visible.surface && runInfo?.model !== 'flow',
    flow: runInfo?.model === 'flow'
      ? { velocity: visible.velocity ? `velocity at t = ${flowTime.time.toFixed(2)}${velocitySubject(labels, condition)}` : null, trajectories: visible.trajectories }
      : null,
  }));
  downloadBlob(blob, `gan2d-iteration-${iteration}.png`);
});

element<HTMLButtonElement>('copy-link').addEventListener('click', async () => {
  writeHash();
  try {
    await navigator.clipboard.writeText(location.href);
    say(ui.runStatus, 'Link copied: it opens this configuration and data.');
  } catch {
    say(ui.runStatus, `Copy this link: ${location.href}`);
  }
});

// ---- Layout ------------------------------------------------------------------------------
new ResizeObserver(() => {
  view.resize();
  askDraw();
}).observe(ui.view);

for (const choice of PACE_CHOICES) ui.speed.add(new Option(choice.label, choice.value, false, choice.value === DEFAULT_PACE));

// ---- Boot --------------------------------------------------------------------------------
/** Read-only numbers for automation (the browser tests and the benchmark read them). */
declare global {
  interface Window {
    gan2d: { status(): Record<string, unknown> };
  }
}
window.gan2d = {
  status: () => ({
    run: runNumber,
    started: runInfo !== null,
    iteration: lastFrame?.iteration ?? runInfo?.iteration ?? 0,
    playing,
    iterationsPerSecond: lastFrame?.iterationsPerSecond ?? 0,
    framesPerSecond: measuredFps,
    drawMilliseconds,
    chartMilliseconds,
    workerIterationMilliseconds: lastFrame?.iterationMilliseconds ?? 0,
    workerFrameMilliseconds: lastFrame?.frameMilliseconds ?? 0,
    charts: charts.counts(),
    losses: charts.lossPoints(),
    animationFrames,
    framesAsked,
    stopAfter: stopAfter(),
    stage: lastFrame?.stage ? { part: lastFrame.stage.part, iteration: lastFrame.stage.iteration, caption: ui.stageCaption.textContent ?? '' } : null,
    speed: ui.speed.value,
    playStatus: ui.playStatus.textContent ?? '',
    runStatus: ui.runStatus.textContent ?? '',
    generated: lastFrame ? Array.from(lastFrame.generated.subarray(0, 16)) : [],
    model: runInfo?.model ?? model,
    flowTime: flowTime.time,
    /** A flow's points as the view shows them at t (x, y interleaved), its samples (t = 1), and its coordinates. */
    shown: lastFrame?.flow ? Array.from(shownPoints(lastFrame, flowTime.time)) : null,
    samples: lastFrame?.flow ? Array.from(lastFrame.generated) : null,
    coordinates: runInfo?.model === 'flow' ? runInfo.coordinates : null,
    velocityArrows: lastFrame?.flow?.velocity ? lastFrame.flow.velocity.size ** 2 : 0,
    velocityTime: lastFrame?.flow?.velocity?.t ?? null,
    surfaceSum: lastFrame?.surface ? lastFrame.surface.values.reduce((sum, v) => sum + v, 0) : null,
    config: runInfo?.config ?? null,
    settings: ui.settings.textContent ?? '',
    base,
    scores: lastScores,
    conditions: runInfo?.conditions ?? [],
    data: data.kind === 'builtin' ? `builtin:${data.name}${data.conditional ? '/parts' : ''}` : data.kind,
    threads: runInfo?.threads ?? 0,
    crossOriginIsolated,
  }),
};

bindIntro(element('intro'), element<HTMLButtonElement>('intro-close'));
showOptions();
picker.select(data.kind === 'builtin' ? data.name : null, data.kind === 'builtin' && data.conditional);
if (data.kind === 'drawn') {
  pad.load(data.grid);
  ui.drawPanel.hidden = false;
  ui.drawOpen.setAttribute('aria-expanded', 'true');
}
say(ui.dataStatus, fromHash.problems.length > 0 ? fromHash.problems.join('; ') : `Training on ${describeSource(data)}.`, fromHash.problems.length > 0);
startRun();
