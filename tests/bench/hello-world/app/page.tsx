/** The reference page of the pay-page bench: what a Next app costs a phone before it does anything. */
export default function HelloWorldPage() {
  return (
    <main>
      <h1>Hello, world</h1>
    </main>
  );
}
