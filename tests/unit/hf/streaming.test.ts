/**
 * The safetensors reader converts tensors while a file downloads (HfWeightCollector.openFile):
 * chunk by chunk it gives exactly the weights of a whole-file read, it has converted tensors
 * before the end, a second attempt in a new buffer starts over, and a bad header stops at once.
 */
import { describe, expect, it } from 'vitest';
import { normalizeHfConfig } from '../../../src/loader/hf';
import { HfWeightCollector } from '../../../src/loader/hf/weights';
import { readFixture, readFixtureText } from './helpers';

const NAME = 'tiny-llama';
const info = normalizeHfConfig(JSON.parse(readFixtureText(NAME, 'config.json')));
const file = readFixture(NAME, 'model.safetensors');
const collector = () => new HfWeightCollector(info.family, info.config, info.biases);

/** Feeds `bytes` in chunks into a full-size buffer, as a download of announced size does. */
function stream(sink: ReturnType<HfWeightCollector['openFile']>, bytes: Uint8Array, chunk: number) {
  const buffer = new Uint8Array(bytes.length);
  for (let at = 0; at < bytes.length; at += chunk) {
    const end = Math.min(bytes.length, at + chunk);
    buffer.set(bytes.subarray(at, end), at);
    sink.push(buffer, end);
  }
  return buffer;
}

describe('safetensors while it downloads', () => {
  it('chunk by chunk gives the weights of a whole-file read, converted before the end', () => {
    const whole = collector();
    whole.addFile('model.safetensors', file);
    const expected = whole.finish('model.safetensors');

    const streamed = collector();
    const sink = streamed.openFile('model.safetensors');
    const buffer = stream(sink, file, 1000);
    expect(sink.converted).toBeGreaterThan(10); // every tensor is in before end()
    sink.end(buffer);
    const got = streamed.finish('model.safetensors');
    expect([...got.weights.keys()].sort()).toEqual([...expected.weights.keys()].sort());
    for (const [name, w] of expected.weights) expect(got.weights.get(name), name).toEqual(w);
  });

  it('a second attempt in a new buffer starts over; end() with other bytes reads those', () => {
    const c = collector();
    const sink = c.openFile('model.safetensors');
    stream(sink, file, 4096).fill(0); // a first attempt, then its buffer is dropped
    const again = stream(sink, file, 777);
    sink.end(again);
    expect(() => c.finish('model.safetensors')).not.toThrow();
  });

  it('a header that is not safetensors stops at the first push that holds it', () => {
    const sink = collector().openFile('model.safetensors');
    const html = new TextEncoder().encode('<!doctype html><html>' + ' '.repeat(100));
    expect(() => sink.push(html, html.length)).toThrow(/HTML page instead of a safetensors file/);
  });
});
