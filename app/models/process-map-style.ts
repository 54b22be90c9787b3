/** The drawing's styles: inside an exported file, and once per page (root.tsx) for drawings shown inline. */
export const MAP_STYLE = `
.map-lane{fill:#f5f7f6;stroke:#cfd8d5}.map-lane-alt{fill:#ffffff;stroke:#cfd8d5}
.map-lane-label{font:600 13px system-ui,sans-serif;fill:#1b2422}
.map-label{font:13px system-ui,sans-serif;fill:#1b2422}
.map-edge-label{font:12px system-ui,sans-serif;fill:#4f5d59;paint-order:stroke;stroke:#fff;stroke-width:4px}
.map-activity{fill:#fff;stroke:#0b5c52;stroke-width:2}
.map-start{fill:#e6f4ea;stroke:#1d6b35;stroke-width:2}.map-end{fill:#fbeaea;stroke:#a32020;stroke-width:4}
.map-decision{fill:#fff8e1;stroke:#8a5a00;stroke-width:2}.map-document{fill:#e8eff8;stroke:#1f4e8a;stroke-width:2}
.map-note{fill:#fffbe6;stroke:#b59b3a;stroke-dasharray:4 3}.map-marker{fill:#fff;stroke:#0b5c52}
.map-marker-plus{stroke:#0b5c52;stroke-width:1.5}.map-edge{stroke:#4f5d59;stroke-width:1.6;fill:none}
a .map-activity{stroke-width:3}a:hover .map-activity,a:focus .map-activity{fill:#e3f1ee}`;
