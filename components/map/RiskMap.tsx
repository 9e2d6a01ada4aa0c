'use client';
/**
 * The risk map renderer (deck.gl, no tiles: the boundaries are the base map). Pure: typed props, no fetching.
 * Polygons filled by the caller's colours; outlines of the parent level; Chinese labels; enterprise points
 * as binary attributes (ScatterplotLayer) when given.
 */
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { MapViewState, PickingInfo } from '@deck.gl/core';
import type { RegionFeature } from '@/server/geo/types';
import type { PointData } from './points';
import type { RGBA } from './scales';
import { LABEL_PX } from './labels';

export interface RiskMapHandle { canvas(): HTMLCanvasElement | null }

export interface RiskMapProps {
  features: RegionFeature[];
  /** Outlines drawn on top (e.g. prefectures over counties). */
  outlines: RegionFeature[];
  fill: (code: string) => RGBA;
  /** Codes drawn with a heavy outline (significantly above the province). */
  flagged: Set<string>;
  selected?: string;
  tooltip: (code: string) => string;
  labels: boolean;
  /** The codes whose names are written (labels.ts visibleLabels: names that would overlap others are left out); all when absent. */
  labelCodes?: ReadonlySet<string>;
  viewState: MapViewState;
  onViewStateChange: (v: MapViewState) => void;
  onClickRegion: (code: string) => void;
  points: PointData | null;
  onClickPoint: (index: number) => void;
  pointTooltip: (index: number) => string;
}

/** Press-to-release time that still counts as a click (mjolnir's default 250 ms; see the DeckGL props below). */
const CLICK_RECOGNIZER = { click: { time: 1000 } };
const CJK_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

export const RiskMap = forwardRef<RiskMapHandle, RiskMapProps>(function RiskMap(props, ref) {
  const deckRef = useRef<DeckGLRef>(null);
  useImperativeHandle(ref, () => ({
    canvas: () => {
      const deck = deckRef.current?.deck;
      if (!deck) return null;
      deck.redraw('export');
      return deck.getCanvas();
    },
  }));
  const { features, outlines, fill, flagged, selected, labels, labelCodes, points } = props;
  const labelled = useMemo(() => (labelCodes ? features.filter((f) => labelCodes.has(f.properties.code)) : features), [features, labelCodes]);
  const fillKey = useMemo(() => features.map((f) => fill(f.properties.code).join(',')).join(';'), [features, fill]);

  const layers = [
    new GeoJsonLayer<RegionFeature['properties']>({
      id: 'regions',
      data: { type: 'FeatureCollection', features } as never,
      filled: true,
      stroked: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [29, 79, 145, 70],
      getFillColor: (f) => fill((f.properties as RegionFeature['properties']).code),
      getLineColor: (f) => {
        const code = (f.properties as RegionFeature['properties']).code;
        return code === selected ? [29, 79, 145, 255] : flagged.has(code) ? [17, 17, 17, 255] : [255, 255, 255, 255];
      },
      getLineWidth: (f) => {
        const code = (f.properties as RegionFeature['properties']).code;
        return code === selected ? 3 : flagged.has(code) ? 2.2 : 0.8;
      },
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: fillKey, getLineColor: [selected, [...flagged].join()], getLineWidth: [selected, [...flagged].join()] },
    }),
    new GeoJsonLayer({
      id: 'outlines',
      data: { type: 'FeatureCollection', features: outlines } as never,
      filled: false,
      stroked: true,
      pickable: false,
      getLineColor: [60, 70, 85, 255],
      getLineWidth: 1.6,
      lineWidthUnits: 'pixels',
    }),
    labels && new TextLayer<RegionFeature>({
      id: 'labels',
      data: labelled,
      getPosition: (f) => f.properties.center,
      getText: (f) => f.properties.name,
      getSize: LABEL_PX,
      getColor: [25, 33, 45, 255],
      fontFamily: CJK_FONT,
      characterSet: 'auto',
      background: true,
      getBackgroundColor: [255, 255, 255, 170],
      backgroundPadding: [2, 1],
      fontSettings: { fontSize: 48, buffer: 4 },
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      pickable: false,
    }),
    points && points.length > 0 && new ScatterplotLayer({
      id: 'points',
      data: {
        length: points.length,
        attributes: {
          getPosition: { value: points.positions, size: 2 },
          getFillColor: { value: points.colors, size: 4, normalized: true },
          getRadius: { value: points.radii, size: 1 },
        },
      },
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [255, 255, 255, 200],
      lineWidthMinPixels: 0.5,
      pickable: true,
    }),
  ];

  return (
    <DeckGL
      ref={deckRef}
      layers={layers}
      viewState={props.viewState}
      controller={{ doubleClickZoom: false }}
      // A click is a press and release within `time` ms, measured when the events are handled. deck picks
      // synchronously on the press, and without a GPU (software WebGL: office PCs, virtual desktops) that pick
      // alone can pass the default 250 ms, so the release came too late and the click was dropped.
      eventRecognizerOptions={CLICK_RECOGNIZER}
      onViewStateChange={({ viewState }) => props.onViewStateChange(viewState as MapViewState)}
      deviceProps={{ type: 'webgl', webgl: { preserveDrawingBuffer: true } }}
      getCursor={({ isHovering }) => (isHovering ? 'pointer' : 'grab')}
      onClick={(info: PickingInfo) => {
        if (info.layer?.id === 'points' && info.index >= 0) props.onClickPoint(info.index);
        else if (info.layer?.id === 'regions' && info.object) props.onClickRegion((info.object as RegionFeature).properties.code);
      }}
      getTooltip={(info: PickingInfo) => {
        if (info.layer?.id === 'points' && info.index >= 0) return { text: props.pointTooltip(info.index) };
        if (info.layer?.id === 'regions' && info.object) return { text: props.tooltip((info.object as RegionFeature).properties.code) };
        return null;
      }}
    />
  );
});
