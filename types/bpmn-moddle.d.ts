// bpmn-moddle ships its types under dist/types but does not point its "exports" at them.
declare module "bpmn-moddle" {
  type ModdleElement = {
    $type: string;
    id?: string;
    name?: string;
    get(name: string): ModdleElement[] & ModdleElement;
    set(name: string, value: unknown): void;
    [key: string]: unknown;
  };
  export class BpmnModdle {
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: unknown[] }>;
  }
}
