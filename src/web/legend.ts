/**
 * The legend under the view: one switch per layer (a labelled checkbox with its colour),
 * and, for a conditional run, a choice of the condition shown alone.
 */
import { conditionColor, css } from '../core/render/colors.js';
import type { ModelName } from '../core/flow/config.js';
import { LAYERS, type LayerId, type LayerVisibility } from './layers.js';

export interface Legend {
  onToggle(listener: (id: LayerId, visible: boolean) => void): void;
  /** Lists the run's conditions by the names the page shows (none: the choice hides). */
  setConditions(names: string[]): void;
  onCondition(listener: (condition: number | null) => void): void;
  /** Shows the switches of the model's layers only (a flow has no D, a GAN no velocity). */
  setModel(model: ModelName): void;
}

export function buildLegend(
  fieldset: HTMLFieldSetElement, visible: LayerVisibility, conditionBox: HTMLElement, conditionSelect: HTMLSelectElement,
): Legend {
  const toggleListeners: ((id: LayerId, visible: boolean) => void)[] = [];
  const conditionListeners: ((condition: number | null) => void)[] = [];
  const labels: HTMLLabelElement[] = [];
  for (const layer of LAYERS) {
    const label = document.createElement('label');
    labels.push(label);
    label.className = 'layer';
    label.title = layer.description;
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'layer';
    input.value = layer.id;
    input.checked = visible[layer.id];
    input.id = `layer-${layer.id}`;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = layer.swatch;
    swatch.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = layer.label;
    label.append(input, swatch, text);
    input.addEventListener('change', () => {
      for (const listener of toggleListeners) listener(layer.id, input.checked);
    });
    fieldset.append(label);
  }
  conditionSelect.addEventListener('change', () => {
    const value = conditionSelect.value === 'all' ? null : Number(conditionSelect.value);
    for (const listener of conditionListeners) listener(value);
  });

  return {
    onToggle: (listener) => toggleListeners.push(listener),
    onCondition: (listener) => conditionListeners.push(listener),
    setModel(model) {
      LAYERS.forEach((layer, i) => {
        labels[i].hidden = !layer.models.includes(model);
      });
    },
    setConditions(names) {
      conditionBox.hidden = names.length === 0;
      conditionSelect.replaceChildren(new Option('all conditions', 'all'));
      names.forEach((name, i) => {
        const option = new Option(name, String(i));
        option.style.color = css(conditionColor(i));
        conditionSelect.add(option);
      });
      conditionSelect.value = 'all';
    },
  };
}
